// Saves bytes as a real browser download (Blob + object URL + <a download>).
#pragma once

#include <string>

namespace waconsole::platform {

void save_download(const std::string& filename, const std::string& mime_type,
                   const std::string& bytes);

// The filename of a Content-Disposition header (filename*=UTF-8'' or filename=), or `fallback`
// when there is none. Path separators are dropped so a server cannot pick a folder.
std::string filename_from_content_disposition(const std::string& header,
                                              const std::string& fallback);

} // namespace waconsole::platform
