// A file chosen by the user (the browser's file picker or dropped onto the page) and sent as the
// raw body of one POST with XMLHttpRequest, whose upload.onprogress gives a progress bar. The
// file's bytes never enter the wasm heap: a 20 MiB upload stays in the browser's File object.
// One file and one upload at a time for the page (the campaign wizard's).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace waconsole::platform {

struct PickedFile {
    std::string name;
    double size = 0; // bytes
};

enum class UploadState { idle, uploading, done };

struct UploadProgress {
    UploadState state = UploadState::idle;
    double loaded = 0; // bytes sent so far
    double total = 0;  // bytes to send (the file's size)
    int status = 0;    // HTTP status once done; 0 = no answer (network error, abort)
    std::string body;  // the answer once done
};

// Opens the browser's file picker (call it on a click: browsers allow pickers only shortly after
// a user gesture). `accept` as the <input accept> attribute (".xlsx,.csv").
void open_file_picker(const std::string& accept);
// Call every frame the drop zone shows: for a second after, a file dropped anywhere on the page
// is taken as the chosen file. A drop is never opened by the browser in place of the app.
void enable_file_drop(bool enabled);
// True while a file is dragged over the page (drop enabled).
bool file_dragged_over();

// The file chosen since the last call, once: {name, size}, or an empty name when none.
PickedFile take_picked_file();

// POSTs the last chosen file's bytes to `url` (Content-Type: application/octet-stream) with the
// headers given; replaces an upload in flight (aborted).
void start_upload(const std::string& url,
                  const std::vector<std::pair<std::string, std::string>>& headers);
UploadProgress upload_progress();
// Forgets a finished upload (back to idle) or aborts one in flight.
void reset_upload();

} // namespace waconsole::platform
