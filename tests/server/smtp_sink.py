#!/usr/bin/python3
"""An SMTP server on loopback for the e-mail tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py OUTPUT_FILE [USER PASSWORD] [--starttls CERT_FILE KEY_FILE]
Listens on a free port of 127.0.0.1 and prints "listening PORT". Each message it accepts is
appended to OUTPUT_FILE as one JSON line {"mail_from", "rcpt_tos", "auth_user", "tls", "data"}.
A recipient whose local part is "refuse" is refused with 550; with USER and PASSWORD, AUTH is
offered without TLS (a loopback test only) and required, and a wrong password gets 535. With
--starttls, STARTTLS is offered with that certificate and required before MAIL (530 otherwise).
"""
import asyncio
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, path):
        self.path = path

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] == "refuse":
            return "550 5.1.1 mailbox refuse is not known here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        user = session.auth_data.login.decode() if session.auth_data else None
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps({
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "auth_user": user,
                "tls": session.ssl is not None,
                "data": envelope.original_content.decode("utf-8", "replace"),
            }) + "\n")
        return "250 2.0.0 stored"


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return authenticate


async def main():
    args = sys.argv[1:]
    tls_context = None
    if "--starttls" in args:
        at = args.index("--starttls")
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args[at + 1], args[at + 2])
        del args[at:at + 3]
    handler = Sink(args[0])
    options = {}
    if len(args) == 3:
        options = dict(authenticator=authenticator_for(args[1], args[2]),
                       auth_required=True, auth_require_tls=False)
    if tls_context:
        options.update(tls_context=tls_context, require_starttls=True)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, **options), "127.0.0.1", 0)
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())
