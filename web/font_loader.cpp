// Font downloads. The paths are relative to the page, not to the API base; the file names are the
// ones assets/fonts.txt gives the build, under their content-hashed names in dist/.
#include "font_loader.hpp"

#include "platform/browser.hpp"

namespace waconsole {

namespace {

platform::HttpCall font_call(const char* path) {
    platform::HttpCall call;
    call.url = platform::asset_url(path);
    return call;
}

// True when the answer came in this call (whether or not it was a font).
bool take(platform::Request& request, std::string& bytes, FontLoader& loader) {
    auto response = request.take_response();
    if (!response) {
        return false;
    }
    if (response->ok()) {
        bytes = std::move(response->body);
        ++loader.arrived;
    } else {
        loader.failed = true;
    }
    return true;
}

} // namespace

bool poll_fonts(FontLoader& loader) {
    if (!loader.started) {
        loader.started = true;
        loader.regular.start(font_call("fonts/NotoSans-Regular.ttf"));
        loader.bold.start(font_call("fonts/NotoSans-Bold.ttf"));
    }
    loader.text_pending -= take(loader.regular, loader.files.regular, loader) ? 1 : 0;
    loader.text_pending -= take(loader.bold, loader.files.bold, loader) ? 1 : 0;
    return loader.text_pending == 0;
}

} // namespace waconsole
