/** @file
 *  @brief The on-disk layout of a fahras index: a lock, a Xapian stub file, generations.
 */
#include "index_layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "fahras/error.h"

namespace fahras::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStub = "XAPIANDB";
constexpr std::string_view kStubTemp = "XAPIANDB.tmp";
constexpr std::string_view kLock = "fahras.lock";
constexpr std::string_view kGenerationPrefix = "gen-";
// Generations are numbered gen-000001, gen-000002, ...: sorted by name is sorted by age.
constexpr int kGenerationDigits = 6;
// How long a replaced generation is kept for searchers that read the stub before the swap.
constexpr std::chrono::seconds kGrace{60};

std::string join(const std::string& dir, std::string_view name) {
    return (fs::path(dir) / name).string();
}

/** The number of generation @p name ("gen-000012" -> 12), or 0 if it is not one
 *  (shards "gen-000012.shard-0" are not). */
unsigned long generation_number(std::string_view name) {
    if (!name.starts_with(kGenerationPrefix)) return 0;
    name.remove_prefix(kGenerationPrefix.size());
    if (name.size() != kGenerationDigits) return 0;
    unsigned long n = 0;
    for (const char c : name) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<unsigned long>(c - '0');
    }
    return n;
}

[[noreturn]] void fail(const std::string& what, int error) {
    throw Error(what + ": " + std::strerror(error));
}

/** Writes all of @p text to @p fd. */
void write_all(int fd, std::string_view text, const std::string& what) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(what, errno);
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

IndexDir::IndexDir(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (ec) throw Error("cannot create index directory '" + path_ + "': " + ec.message());
    const std::string lock = join(path_, kLock);
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) fail("index '" + path_ + "' is not writable", errno);
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(lock_fd_);
        if (error == EWOULDBLOCK) {
            throw IndexLockedError("index '" + path_ + "' is locked by another indexer");
        }
        fail("cannot lock index '" + path_ + "'", error);
    }
}

IndexDir::~IndexDir() {
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

bool IndexDir::plain() const {
    std::error_code ec;
    return fs::exists(join(path_, "iamglass"), ec) && !fs::exists(join(path_, kStub), ec);
}

std::string IndexDir::current() const {
    const std::string stub = join(path_, kStub);
    std::ifstream in(stub);
    if (!in) return plain() ? path_ : std::string();
    std::string backend;
    std::string name;
    in >> backend >> name;
    if (backend != "glass" || generation_number(name) == 0) {
        throw Error("index '" + path_ + "': stub file '" + stub +
                    "' does not name a fahras generation (expected 'glass gen-NNNNNN')");
    }
    return join(path_, name);
}

void IndexDir::clean() const {
    if (plain()) return;  // never delete anything inside a plain database
    const std::string live_path = current();
    const unsigned long live = generation_number(fs::path(live_path).filename().string());
    // The stub's time is the last swap's. Generations replaced less than kGrace ago stay:
    // a searcher may have read the old stub and not yet opened the generation it named
    // (once opened, a generation's files stay readable even when deleted).
    std::error_code ec;
    const auto swapped = fs::last_write_time(join(path_, kStub), ec);
    const bool recent_swap = !ec && fs::file_time_type::clock::now() - swapped < kGrace;
    for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
        const std::string name = entry.path().filename().string();
        const unsigned long number = generation_number(name);
        bool leftover = name == kStubTemp;
        if (number != 0) {
            // Newer than the live one: unfinished (a killed run). Older: replaced.
            leftover = number > live || (number < live && !recent_swap);
        } else if (name.starts_with(kGenerationPrefix)) {
            leftover = true;  // shards (gen-NNNNNN.shard-K) of a killed run
        }
        if (leftover) {
            std::error_code ignored;
            fs::remove_all(entry.path(), ignored);
        }
    }
}

std::string IndexDir::next_generation() const {
    unsigned long highest = 0;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
        highest = std::max(highest, generation_number(entry.path().filename().string()));
    }
    char name[32];
    std::snprintf(name, sizeof name, "gen-%0*lu", kGenerationDigits, highest + 1);
    return join(path_, name);
}

void IndexDir::publish(const std::string& generation) const {
    const std::string temp = join(path_, kStubTemp);
    const std::string what = "index '" + path_ + "': cannot write '" + temp + "'";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(what, errno);
    try {
        write_all(fd, "glass " + fs::path(generation).filename().string() + "\n", what);
        if (::fsync(fd) != 0) fail(what, errno);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) fail(what, errno);
    // The swap itself: rename(2) replaces the live stub atomically.
    const std::string stub = join(path_, kStub);
    if (std::rename(temp.c_str(), stub.c_str()) != 0) {
        fail("index '" + path_ + "': cannot replace '" + stub + "'", errno);
    }
    // Make the rename durable before old generations may be deleted.
    const int dir = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
}

}  // namespace fahras::detail
