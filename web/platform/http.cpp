// emscripten_fetch behind Request. The fetch callbacks run between frames on the browser's event
// loop; they fill the shared Exchange and free the fetch.
#include "platform/http.hpp"

#include "platform/frame_loop.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <emscripten/fetch.h>

namespace waconsole::platform {

struct Request::Exchange {
    RequestState state = RequestState::loading;
    HttpResponse response;
    bool taken = false;
    int wake_frames = 3;
};

namespace {

// Owned by the fetch while it is in flight; deleted by its callback.
struct FetchContext {
    std::shared_ptr<Request::Exchange> exchange;
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Finds one header in XHR's "name: value\r\n" block; "" when absent.
std::string header_value(const std::string& block, const std::string& name) {
    const std::string wanted = lower(name);
    std::size_t start = 0;
    while (start < block.size()) {
        std::size_t end = block.find('\n', start);
        if (end == std::string::npos) {
            end = block.size();
        }
        const std::string line = block.substr(start, end - start);
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos && lower(line.substr(0, colon)) == wanted) {
            std::string value = line.substr(colon + 1);
            const auto first = value.find_first_not_of(" \t");
            const auto last = value.find_last_not_of(" \t\r");
            return first == std::string::npos ? "" : value.substr(first, last - first + 1);
        }
        start = end + 1;
    }
    return "";
}

void finish(emscripten_fetch_t* fetch, bool success) {
    auto* context = static_cast<FetchContext*>(fetch->userData);
    auto& exchange = *context->exchange;
    exchange.response.status = fetch->status;
    if (fetch->data != nullptr && fetch->numBytes > 0) {
        exchange.response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    }
    const std::size_t headers_size = emscripten_fetch_get_response_headers_length(fetch);
    if (headers_size > 0) {
        std::string headers(headers_size + 1, '\0');
        emscripten_fetch_get_response_headers(fetch, headers.data(), headers.size());
        headers.resize(std::strlen(headers.c_str()));
        exchange.response.content_type = header_value(headers, "Content-Type");
        exchange.response.content_disposition = header_value(headers, "Content-Disposition");
        exchange.response.headers = std::move(headers);
    }
    exchange.state = success && exchange.response.ok() ? RequestState::ok : RequestState::error;
    const int wake_frames = exchange.wake_frames;
    delete context;
    emscripten_fetch_close(fetch);
    if (wake_frames > 0) {
        request_frames(wake_frames);
    } else {
        tick_after(0);
    }
}

void on_success(emscripten_fetch_t* fetch) {
    finish(fetch, true);
}
void on_error(emscripten_fetch_t* fetch) {
    finish(fetch, false);
}

} // namespace

std::string HttpResponse::header(const std::string& name) const {
    return header_value(headers, name);
}

void Request::start(HttpCall call) {
    m_exchange = std::make_shared<Exchange>();
    m_exchange->wake_frames = std::max(0, call.wake_frames);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, call.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = static_cast<unsigned long>(std::max(0, call.timeout_milliseconds));
    attr.onsuccess = on_success;
    attr.onerror = on_error;

    // emscripten_fetch copies the headers; the body is read before it returns.
    std::vector<const char*> headers;
    for (const auto& [name, value] : call.headers) {
        headers.push_back(name.c_str());
        headers.push_back(value.c_str());
    }
    headers.push_back(nullptr);
    attr.requestHeaders = headers.data();
    if (!call.body.empty()) {
        attr.requestData = call.body.data();
        attr.requestDataSize = call.body.size();
    }
    attr.userData = new FetchContext{m_exchange};
    emscripten_fetch(&attr, call.url.c_str());
}

void Request::reset() {
    m_exchange.reset();
}

RequestState Request::state() const {
    return m_exchange ? m_exchange->state : RequestState::idle;
}

bool Request::busy() const {
    return m_exchange && (m_exchange->state == RequestState::loading || !m_exchange->taken);
}

std::optional<HttpResponse> Request::take_response() {
    if (!m_exchange || m_exchange->state == RequestState::loading || m_exchange->taken) {
        return std::nullopt;
    }
    m_exchange->taken = true;
    return m_exchange->response;
}

} // namespace waconsole::platform
