// HTTP for the UI, on emscripten_fetch. A Request never blocks a frame: start() sends, and the
// screen polls state() / take_response() while drawing. A finished exchange wakes the frame loop.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace waconsole::platform {

enum class RequestState { idle, loading, ok, error };

struct HttpCall {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // 0 = the browser's default.
    int timeout_milliseconds = 30000;
    // Frames drawn once the answer is in: enough to take it and redraw. 0: the answer only wakes a
    // tick (frame_loop.hpp), for a poll whose answer is usually "nothing new".
    int wake_frames = 3;
};

struct HttpResponse {
    // 0 when the server could not be reached (network error, timeout, CORS refusal).
    int status = 0;
    std::string body;
    std::string content_type;
    std::string content_disposition;
    // Every response header the browser lets the page read, as "name: value\r\n" lines.
    std::string headers;

    bool ok() const { return status >= 200 && status < 300; }
    // One header's value, "" when absent (names compare case-insensitively).
    std::string header(const std::string& name) const;
};

// One exchange at a time. Starting again abandons the exchange in flight: its answer is dropped,
// so an old, slow page never overwrites a newer one. Movable; the fetch callback only holds the
// shared exchange, never the Request.
class Request {
public:
    void start(HttpCall call);
    // Forgets the current exchange (an answer still in flight is dropped).
    void reset();

    // ok: 2xx; error: any other status or no answer.
    RequestState state() const;
    bool loading() const { return state() == RequestState::loading; }
    // Loading, or answered but the answer not taken yet. The test hook reads the state between
    // frames, after a fetch callback and before the frame that takes its answer: loading() is
    // already false there while the rows shown are still the old ones.
    bool busy() const;

    // The answer of the current exchange, once: nullopt while idle, loading, or already taken.
    std::optional<HttpResponse> take_response();

    struct Exchange;

private:
    std::shared_ptr<Exchange> m_exchange;
};

} // namespace waconsole::platform
