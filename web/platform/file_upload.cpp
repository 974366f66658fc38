// JavaScript side of file_upload.hpp. The chosen File and the XMLHttpRequest live in
// Module.waconsoleFile (one per page); C++ polls them each frame.
#include "platform/file_upload.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_file_state_init, (), {
    if (Module.waconsoleFile) return;
    // dropUntil: drops are taken until then (performance.now() ms); each frame that shows the
    // drop zone moves it on, so a drop zone no longer drawn (another section) takes nothing.
    var slot = {input: null, file: null, fresh: false, dropUntil: 0, over: false, xhr: null,
                state: 0, loaded: 0, total: 0, status: 0, body: ""};
    Module.waconsoleFile = slot;
    var input = document.createElement('input');
    input.type = 'file';
    input.id = 'waconsole-file-input';
    input.style.display = 'none';
    input.addEventListener('change', function() {
        if (input.files && input.files.length > 0) {
            slot.file = input.files[0];
            slot.fresh = true;
        }
        input.value = "";
    });
    document.body.appendChild(input);
    slot.input = input;
    // A file dropped on the page must never replace the app; only a drop while enabled is taken.
    var taking = function() { return performance.now() < slot.dropUntil; };
    document.addEventListener('dragover', function(event) {
        event.preventDefault();
        slot.over = taking();
        if (event.dataTransfer) event.dataTransfer.dropEffect = slot.over ? 'copy' : 'none';
    });
    document.addEventListener('dragleave', function() { slot.over = false; });
    document.addEventListener('drop', function(event) {
        event.preventDefault();
        slot.over = false;
        var files = event.dataTransfer ? event.dataTransfer.files : null;
        if (taking() && files && files.length > 0) {
            slot.file = files[0];
            slot.fresh = true;
        }
    });
});
EM_JS(void, js_open_file_picker, (const char* accept), {
    var slot = Module.waconsoleFile;
    slot.input.accept = UTF8ToString(accept);
    slot.input.click();
});
EM_JS(void, js_enable_file_drop, (int enabled), {
    var slot = Module.waconsoleFile;
    slot.dropUntil = enabled ? performance.now() + 1000 : 0;
    if (!enabled) slot.over = false;
});
EM_JS(int, js_file_dragged_over, (), {
    return Module.waconsoleFile.over ? 1 : 0;
});
EM_JS(char*, js_take_picked_file, (), {
    var slot = Module.waconsoleFile;
    var name = "";
    if (slot.fresh && slot.file) {
        slot.fresh = false;
        name = slot.file.name || "file";
    }
    var size = lengthBytesUTF8(name) + 1;
    var out = _malloc(size);
    stringToUTF8(name, out, size);
    return out;
});
EM_JS(double, js_picked_file_size, (), {
    var slot = Module.waconsoleFile;
    return slot.file ? slot.file.size : 0;
});
EM_JS(void, js_start_upload, (const char* url, const char* headers_json), {
    var slot = Module.waconsoleFile;
    if (slot.xhr) { try { slot.xhr.abort(); } catch (e) {} }
    var xhr = new XMLHttpRequest();
    slot.xhr = xhr;
    slot.state = 1;
    slot.loaded = 0;
    slot.total = slot.file ? slot.file.size : 0;
    slot.status = 0;
    slot.body = "";
    // Frames are drawn only when something changes (frame_loop.hpp): progress and the answer are.
    var wake = function() { if (Module.waconsolePacer) Module.waconsolePacer.frames(3); };
    var finish = function() {
        if (slot.xhr !== xhr) return;
        slot.state = 2;
        slot.status = xhr.status || 0;
        slot.body = xhr.responseText || "";
        slot.xhr = null;
        wake();
    };
    xhr.upload.onprogress = function(event) {
        if (slot.xhr !== xhr) return;
        slot.loaded = event.loaded;
        if (event.lengthComputable) slot.total = event.total;
        wake();
    };
    xhr.onload = finish;
    xhr.onerror = finish;
    xhr.onabort = finish;
    xhr.ontimeout = finish;
    xhr.open('POST', UTF8ToString(url));
    var headers = JSON.parse(UTF8ToString(headers_json));
    for (var i = 0; i < headers.length; ++i) xhr.setRequestHeader(headers[i][0], headers[i][1]);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(slot.file);
});
EM_JS(int, js_upload_state, (), { return Module.waconsoleFile.state; });
EM_JS(double, js_upload_loaded, (), { return Module.waconsoleFile.loaded; });
EM_JS(double, js_upload_total, (), { return Module.waconsoleFile.total; });
EM_JS(int, js_upload_status, (), { return Module.waconsoleFile.status; });
EM_JS(char*, js_upload_body, (), {
    var body = Module.waconsoleFile.body || "";
    var size = lengthBytesUTF8(body) + 1;
    var out = _malloc(size);
    stringToUTF8(body, out, size);
    return out;
});
EM_JS(void, js_reset_upload, (), {
    var slot = Module.waconsoleFile;
    var xhr = slot.xhr;
    slot.xhr = null;
    if (xhr) { try { xhr.abort(); } catch (e) {} }
    slot.state = 0;
    slot.loaded = 0;
    slot.total = 0;
    slot.status = 0;
    slot.body = "";
});
// clang-format on

std::string take_js_string(char* text) {
    std::string out = text != nullptr ? text : "";
    std::free(text);
    return out;
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

namespace waconsole::platform {

void open_file_picker(const std::string& accept) {
    js_file_state_init();
    js_open_file_picker(accept.c_str());
}

void enable_file_drop(bool enabled) {
    js_file_state_init();
    js_enable_file_drop(enabled ? 1 : 0);
}

bool file_dragged_over() {
    js_file_state_init();
    return js_file_dragged_over() != 0;
}

PickedFile take_picked_file() {
    js_file_state_init();
    PickedFile picked;
    picked.name = take_js_string(js_take_picked_file());
    picked.size = picked.name.empty() ? 0 : js_picked_file_size();
    return picked;
}

void start_upload(const std::string& url,
                  const std::vector<std::pair<std::string, std::string>>& headers) {
    js_file_state_init();
    std::string list = "[";
    for (const auto& [name, value] : headers) {
        if (list.size() > 1) {
            list += ',';
        }
        list += "[" + json_string(name) + "," + json_string(value) + "]";
    }
    list += "]";
    js_start_upload(url.c_str(), list.c_str());
}

UploadProgress upload_progress() {
    js_file_state_init();
    UploadProgress progress;
    const int state = js_upload_state();
    progress.state =
        state == 1 ? UploadState::uploading : (state == 2 ? UploadState::done : UploadState::idle);
    progress.loaded = js_upload_loaded();
    progress.total = js_upload_total();
    progress.status = js_upload_status();
    if (progress.state == UploadState::done) {
        progress.body = take_js_string(js_upload_body());
    }
    return progress;
}

void reset_upload() {
    js_file_state_init();
    js_reset_upload();
}

} // namespace waconsole::platform
