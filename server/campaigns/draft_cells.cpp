// Length-prefixed cells.
#include "server/campaigns/draft_cells.hpp"

namespace waconsole {

void encode_cells(const std::vector<std::string>& cells, std::size_t count, std::string& out) {
    out.clear();
    for (std::size_t at = 0; at < count; ++at) {
        const std::string_view cell = at < cells.size() ? std::string_view(cells[at]) : "";
        out += std::to_string(cell.size());
        out.push_back(':');
        out.append(cell);
    }
}

bool decode_cells(std::string_view encoded, std::vector<std::string_view>& cells) {
    cells.clear();
    std::size_t at = 0;
    while (at < encoded.size()) {
        std::size_t length = 0;
        std::size_t digits = 0;
        while (at < encoded.size() && encoded[at] >= '0' && encoded[at] <= '9' && digits < 10) {
            length = length * 10 + static_cast<std::size_t>(encoded[at] - '0');
            ++at;
            ++digits;
        }
        if (digits == 0 || at >= encoded.size() || encoded[at] != ':' ||
            encoded.size() - at - 1 < length) {
            return false;
        }
        cells.push_back(encoded.substr(at + 1, length));
        at += 1 + length;
    }
    return true;
}

} // namespace waconsole
