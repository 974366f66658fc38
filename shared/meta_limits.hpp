// Meta's WhatsApp Cloud API limits, in one place (Meta changes them often). Server, simulator
// and UI validation all read these. Source: ../shared/docs/meta-cloud-api.md.
#pragma once

#include <cstddef>

namespace waconsole {

constexpr std::size_t kMaxTextBodyCharacters = 4096;     // free-form text message body
constexpr std::size_t kMaxTemplateBodyCharacters = 1024; // template body after substitution
constexpr std::size_t kMaxTemplateHeaderCharacters = 60; // template header text
constexpr int kMaxConsecutiveParameterSpaces = 4;        // more is error 132018

} // namespace waconsole
