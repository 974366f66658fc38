// Font downloads. The paths are relative to the page, not to the API base.
#include "font_loader.hpp"

namespace waconsole {

namespace {

platform::HttpCall font_call(const char* path) {
    platform::HttpCall call;
    call.url = path;
    return call;
}

void take(platform::Request& request, std::string& bytes, FontLoader& loader) {
    if (auto response = request.take_response()) {
        --loader.pending;
        if (response->ok()) {
            bytes = std::move(response->body);
        } else {
            loader.failed = true;
        }
    }
}

} // namespace

bool poll_fonts(FontLoader& loader) {
    if (!loader.started) {
        loader.started = true;
        loader.regular.start(font_call("fonts/NotoSans-Regular.ttf"));
        loader.bold.start(font_call("fonts/NotoSans-Bold.ttf"));
    }
    take(loader.regular, loader.files.regular, loader);
    take(loader.bold, loader.files.bold, loader);
    return loader.pending == 0;
}

} // namespace waconsole
