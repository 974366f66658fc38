// window.waconsoleTestState(): lets browser tests read what the UI shows (screen, section, table,
// errors, widget rectangles) so they can click real pixels. It reports and never drives.
#pragma once

#include <functional>
#include <string>

namespace waconsole::platform {

class TestHook {
public:
    // report() returns the state as a JSON object; widget rectangles in CSS pixels relative to
    // the canvas (the hook adds the canvas position on the page). The hook must outlive the page.
    explicit TestHook(std::function<std::string()> report);
    TestHook(const TestHook&) = delete;
    TestHook& operator=(const TestHook&) = delete;

    // Called from JavaScript through the exported waconsole_test_state().
    const char* produce();

private:
    std::function<std::string()> m_report;
    std::string m_last;
};

} // namespace waconsole::platform
