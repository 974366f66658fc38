// popen, read to the end, pclose.
#include "command_output.hpp"

#include <cstdio>

namespace waconsole::bench {

std::string run_command(const std::string& command) {
    std::string output;
    if (std::FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
            output += buffer;
        }
        if (pclose(pipe) != 0) {
            return "";
        }
    }
    return output;
}

} // namespace waconsole::bench
