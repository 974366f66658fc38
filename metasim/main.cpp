// waconsole-metasim: the Meta WhatsApp Cloud API simulator. Parses the command line, starts the
// simulator, prints the ready line and serves until SIGINT or SIGTERM.
#include "metasim/sim_options.hpp"
#include "metasim/simulator.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    using namespace waconsole::metasim;
    const auto parsed = parse_sim_options(std::vector<std::string>(argv + 1, argv + argc),
                                          [](const char* name) { return std::getenv(name); });
    if (parsed.help) {
        std::cout << sim_usage();
        return 0;
    }
    if (!parsed.options) {
        std::cerr << "waconsole-metasim: " << parsed.error << "\n" << sim_usage();
        return 2;
    }
    // Block the stop signals in every thread (they inherit the mask) and wait for them here, so
    // stopping runs as ordinary code instead of inside a signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    try {
        Simulator simulator(*parsed.options);
        const int port = simulator.start();
        std::cout << "waconsole-metasim listening on http://" << parsed.options->host << ":" << port
                  << std::endl;
        int received = 0;
        sigwait(&stop_signals, &received);
        simulator.stop();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "waconsole-metasim: " << e.what() << std::endl;
        return 1;
    }
}
