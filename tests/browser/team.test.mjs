// Team through the real UI against the real server: the agents and skillsets the API has, an
// agent edited through the form (checked through the API), disabled and enabled again, and a new
// agent whose one-time password is shown once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  apiGet,
  clickWidget,
  hashOf,
  replaceText,
  startLoggedInConsole,
  waitForState,
} from './helpers.mjs';

let running;
let server;
let browser;
let token;

before(async () => {
  running = await startLoggedInConsole();
  ({ server, browser, token } = running);
});

after(async () => {
  await running?.stop();
});

const agentNamed = (team, name) => team.agents.find((agent) => agent.name === name);

test('Team lists every agent and skillset of the API with presence and load', async () => {
  const { page, problems } = browser;
  await clickWidget(page, 'menu.team');
  const api = await apiGet(server.url, token, '/api/team');
  const state = await waitForState(page, 'the team', (s) => s.section === 'team' && s.team?.loaded &&
    Object.keys(s.team.cells).length === api.agents.length);
  assert.equal(hashOf(page), '#/team');
  assert.ok(api.agents.length >= 4 && api.skillsets.length >= 2, 'demo data has a team');
  for (const agent of api.agents) {
    const cells = state.team.cells[String(agent.id)];
    assert.ok(cells, `row of ${agent.name}`);
    assert.equal(cells['agent.name'], agent.name);
    assert.equal(cells['agent.max_chats'], String(agent.max_concurrent_chats));
    assert.match(cells['agent.load'], new RegExp(`^${agent.load}\\b`));
    assert.ok(state.widgets[`team.agent.${agent.id}.edit`], `Edit of ${agent.name}`);
  }
  for (const skillset of api.skillsets) {
    assert.ok(state.widgets[`team.skillset.${skillset.id}.edit`], `Edit of ${skillset.name}`);
  }
  assert.deepEqual(problems, []);
});

test('editing an agent changes it on the server', async () => {
  const { page } = browser;
  const before = await apiGet(server.url, token, '/api/team');
  const agent = before.agents.find((a) => a.role === 'agent' && !a.disabled);
  const newMax = agent.max_concurrent_chats === 7 ? 6 : 7;
  // A skillset it lacks is ticked.
  const added = before.skillsets.find((s) => !agent.skillsets.includes(s.id));
  assert.ok(added, `${agent.name} lacks a skillset to add`);

  await clickWidget(page, `team.agent.${agent.id}.edit`);
  let state = await waitForState(page, 'the agent form', (s) => s.team?.agent_form?.agent_id === agent.id);
  assert.equal(state.dialog, 'agent_form');
  assert.equal(state.team.agent_form.name, agent.name);
  await replaceText(page, 'team.agent_form.max_chats', String(newMax));
  // ASCII: the driver types other characters as an IME would (no key events), which the canvas
  // does not take.
  const newName = `Agent ${agent.id} Renamed`;
  await replaceText(page, 'team.agent_form.name', newName);
  await clickWidget(page, `team.agent_form.skillset.${added.id}`);
  state = await waitForState(page, 'the typed values', (s) =>
    s.team.agent_form.max_concurrent_chats === newMax && s.team.agent_form.skillsets.includes(added.id));
  await clickWidget(page, 'team.agent_form.save');
  state = await waitForState(page, 'the form to close', (s) => s.dialog === null);

  const after = agentNamed(await apiGet(server.url, token, '/api/team'), newName);
  assert.ok(after, 'the name changed on the server');
  assert.equal(after.id, agent.id);
  assert.equal(after.max_concurrent_chats, newMax);
  assert.ok(after.skillsets.includes(added.id), 'the skillset was added');
  for (const id of agent.skillsets) assert.ok(after.skillsets.includes(id), 'the others were kept');
  // And the row says so.
  state = await waitForState(page, 'the row to show the edit', (s) =>
    s.team.cells[String(agent.id)]?.['agent.name'] === newName);
  assert.equal(state.team.cells[String(agent.id)]['agent.max_chats'], String(newMax));
});

test('a refused edit shows the server\'s reason on the field and changes nothing', async () => {
  const { page } = browser;
  const team = await apiGet(server.url, token, '/api/team');
  const [first, second] = team.agents.filter((a) => !a.disabled);
  await clickWidget(page, `team.agent.${first.id}.edit`);
  await waitForState(page, 'the agent form', (s) => s.team?.agent_form?.agent_id === first.id);
  // Another agent's e-mail: the server refuses it.
  await replaceText(page, 'team.agent_form.email', second.email);
  await clickWidget(page, 'team.agent_form.save');
  const state = await waitForState(page, 'the refusal', (s) =>
    s.team.agent_form && !s.team.agent_form.saving &&
    (s.team.agent_form.errors.email || s.team.agent_form.error));
  assert.equal(state.dialog, 'agent_form', 'the form stays open');
  const after = (await apiGet(server.url, token, '/api/team')).agents.find((a) => a.id === first.id);
  assert.equal(after.email, first.email);
  await clickWidget(page, 'team.agent_form.cancel');
  await waitForState(page, 'the form to close', (s) => s.dialog === null);
});

test('Disable and Enable change the agent on the server', async () => {
  const { page } = browser;
  const team = await apiGet(server.url, token, '/api/team');
  const agent = team.agents.find((a) => a.role === 'agent' && !a.disabled);
  await clickWidget(page, `team.agent.${agent.id}.disable`);
  await waitForState(page, 'Enable to replace Disable', (s) => s.widgets[`team.agent.${agent.id}.enable`]);
  let now = (await apiGet(server.url, token, '/api/team')).agents.find((a) => a.id === agent.id);
  assert.equal(now.disabled, true);
  await clickWidget(page, `team.agent.${agent.id}.enable`);
  await waitForState(page, 'Disable again', (s) => s.widgets[`team.agent.${agent.id}.disable`]);
  now = (await apiGet(server.url, token, '/api/team')).agents.find((a) => a.id === agent.id);
  assert.equal(now.disabled, false);
});

test('a new agent is created and its one-time password shown', async () => {
  const { page, problems } = browser;
  const team = await apiGet(server.url, token, '/api/team');
  await clickWidget(page, 'team.new_agent');
  await waitForState(page, 'the empty form', (s) => s.team?.agent_form && s.team.agent_form.agent_id === null);
  await clickWidget(page, 'team.agent_form.name');
  await page.keyboard.type('Zoe Quinn');
  await clickWidget(page, 'team.agent_form.email');
  await page.keyboard.type('zoe@waconsole.local');
  await clickWidget(page, `team.agent_form.skillset.${team.skillsets[0].id}`);
  await clickWidget(page, 'team.agent_form.save');
  const state = await waitForState(page, 'the password', (s) => s.team.password);
  assert.equal(state.dialog, 'password');
  assert.ok(state.team.password.length >= 8);
  const created = agentNamed(await apiGet(server.url, token, '/api/team'), 'Zoe Quinn');
  assert.ok(created, 'the agent exists on the server');
  assert.equal(created.email, 'zoe@waconsole.local');
  assert.deepEqual(created.skillsets, [team.skillsets[0].id]);
  // The password logs the agent in to the API.
  const login = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'zoe@waconsole.local', password: state.team.password }),
  });
  assert.equal(login.status, 200);
  await clickWidget(page, 'team.password.done');
  await waitForState(page, 'the password to go', (s) => s.dialog === null && s.team.password === null);
  assert.deepEqual(problems, []);
});
