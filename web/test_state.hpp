// The JSON behind window.waconsoleTestState() (docs/architecture.md): what the UI shows now, for
// browser tests. It reports and never drives.
#pragma once

#include <string>

namespace waconsole {

struct App;

// {ready, frame, screen, section, user, table:{rows,total,page,page_size,loading,error}|null,
//  error, widgets:{name:{x,y,w,h}}, missing_glyphs,
//  text_images:[{text,font,color,rtl,x,y,w,h}], text_images_pending}
std::string test_state_json(const App& app);

} // namespace waconsole
