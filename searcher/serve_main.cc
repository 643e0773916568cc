/** @file
 *  @brief fahras-serve: a search page and a JSON API over a fahras index, read-only, local.
 */
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <thread>

#include "cli.h"
#include "serve.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;

constexpr const char* kExitCodes = R"(Exit codes:
  0  stopped by SIGINT (Ctrl-C) or SIGTERM
  2  error: usage, an index that cannot be opened, an address that cannot be listened on)";

void report(const std::string& what) { std::cerr << "fahras-serve: error: " << what << '\n'; }

/** `127.0.0.1:8080`, `[::1]:8080`. */
std::string address(const std::string& host, int port) {
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Serve a search page and a JSON API over a fahras index: read-only, on this "
        "machine only unless --bind says otherwise (docs/serve.md).",
        "fahras-serve"};
    app.set_version_flag("--version", fahras::cli::version_line("fahras-serve", FAHRAS_VERSION));
    app.footer(kExitCodes);
    std::string db;
    int port = 8080;
    std::string bind = "127.0.0.1";
    app.add_option("--db", db, "Index directory")->required()->envname("FAHRAS_DB");
    app.add_option("--port", port, "TCP port (0: any free one; the address is printed at start)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--bind", bind,
                   "Address to listen on; other than a loopback address, anyone who reaches it "
                   "can search the index: there is no authentication")
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return fahras::cli::parse_error_exit(app, e, "fahras-serve");
    }

    // SIGINT and SIGTERM stop the server from a thread of its own (server.stop() is not for
    // a signal handler); blocked here, before any thread starts, they reach only sigwait().
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    try {
        fahras::SearcherPool pool(db);
        httplib::Server server;
        fahras::add_routes(
            server, pool, fahras::is_loopback(bind) ? fahras::Hosts::Loopback : fahras::Hosts::Any);
        errno = 0;
        const int bound = port == 0 ? server.bind_to_any_port(bind)
                                    : (server.bind_to_port(bind, port) ? port : -1);
        if (bound < 0) {
            report("cannot listen on '" + address(bind, port) + "'" +
                   (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()));
            return kExitError;
        }
        std::cerr << "fahras-serve: serving '" << db << "' on http://" << address(bind, bound)
                  << "/\n";
        std::atomic<bool> stopping = false;
        std::thread stopper([&] {
            int signal = 0;
            sigwait(&stop_signals, &signal);
            stopping = true;
            server.stop();
        });
        const bool served = server.listen_after_bind();
        const bool stopped = stopping;
        if (!stopped) kill(getpid(), SIGTERM);  // the listening failed: wake the stopper
        stopper.join();
        if (!served && !stopped) {
            report("stopped listening on '" + address(bind, bound) + "'");
            return kExitError;
        }
        return kExitOk;
    } catch (const std::exception& e) {
        report(e.what());
        return kExitError;
    } catch (...) {
        // Xapian::Error, which the library passes through: fahras-search describes it.
        report("cannot open index '" + db + "' (fahras-search --db says why)");
        return kExitError;
    }
}
