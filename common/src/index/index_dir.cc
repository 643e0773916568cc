/** @file
 *  @brief An index directory (IndexDir): its lock, its Xapian stub file, its generations.
 */
#include "index/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "schema/layout.h"

namespace fahras::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLock = "fahras.lock";
// In a generation or part directory from its creation until it is live: the proof that a
// generation newer than the live one is an unfinished one of fahras's own, which it may
// delete (docs/index-layout.md, "What fahras may delete, and when").
constexpr std::string_view kMarker = "fahras-unfinished";
// Put in the generation a swap replaced: the proof, even if the database is damaged (the
// reason for a rebuild), that it is fahras's to delete once the grace period is over.
constexpr std::string_view kRetired = "fahras-replaced";
// A part of a generation (one parallel writer's database) is `gen-NNNNNN.shard-K` on disk: the
// name is part of the layout (docs/index-layout.md) and earlier runs leave such directories
// behind, so it stays although "shard" now means only --shard I/N in the code.
constexpr std::string_view kPartInfix = ".shard-";
// How long a replaced generation is kept for searchers that read the stub before the swap.
constexpr std::chrono::seconds kGrace{60};

std::string join(const std::string& dir, std::string_view name) {
    return (fs::path(dir) / name).string();
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/** True if @p name is a part of a generation being built: `gen-NNNNNN.shard-K`. */
bool is_part_name(std::string_view name) {
    if (leading_generation_number(name) == 0) return false;
    const std::string_view rest = name.substr(kGenerationNameSize);
    return rest.starts_with(kPartInfix) && all_digits(rest.substr(kPartInfix.size()));
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

/** True if something (a symbolic link included, dangling or not) is at @p path. */
bool present(const fs::path& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

/** True if @p path is a Xapian database that fahras wrote (it records an analyzer version). */
bool fahras_database(const fs::path& path) {
    try {
        return !Xapian::Database(path.string())
                    .get_metadata(std::string(schema::kMetaAnalyzer))
                    .empty();
    } catch (const Xapian::Error&) {
        return false;
    }
}

/** What a `gen-…` entry of an index directory is. */
struct Found {
    fs::path path;
    unsigned long number = 0;  ///< its generation's
    bool part = false;         ///< `gen-NNNNNN.shard-K`, else exactly `gen-NNNNNN`
    bool real_dir = false;     ///< a directory, not a symbolic link to one
    bool marked = false;       ///< holds kMarker: unfinished, fahras's own
    bool retired = false;      ///< holds kRetired: replaced by a swap, fahras's own
    bool empty = false;        ///< nothing to lose
    bool database = false;     ///< holds a Xapian glass database

    /** Unfinished and provably fahras's: marked, or empty (a removal killed at its end). */
    [[nodiscard]] bool unfinished() const { return real_dir && (marked || empty); }
    /** A generation a run completed: a database no longer marked. */
    [[nodiscard]] bool complete() const { return !part && real_dir && database && !marked; }
};

/** The generations and parts in @p dir, by name: nothing else there is fahras's. */
std::vector<Found> scan(const std::string& dir) {
    std::vector<Found> out;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        Found f;
        f.part = is_part_name(name);
        f.number = f.part ? leading_generation_number(name) : generation_number(name);
        if (f.number == 0) continue;
        f.path = entry.path();
        std::error_code entry_ec;
        f.real_dir = entry.is_directory(entry_ec) && !entry.is_symlink(entry_ec);
        if (f.real_dir) {
            f.marked = present(f.path / kMarker);
            f.retired = present(f.path / kRetired);
            f.database = present(f.path / kGlassFile);
            f.empty = fs::is_empty(f.path, entry_ec) && !entry_ec;
        }
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(),
              [](const Found& a, const Found& b) { return a.path < b.path; });
    return out;
}

/** The newest complete generation of @p found, or 0. */
unsigned long newest_complete(const std::vector<Found>& found) {
    unsigned long newest = 0;
    for (const Found& f : found) {
        if (f.complete()) newest = std::max(newest, f.number);
    }
    return newest;
}

/** How to point the stub of @p dir at generation @p number, for a message. */
std::string restore_command(const std::string& dir, unsigned long number) {
    return "printf 'glass " + generation_name(number) + "\\n' > '" + join(dir, kStubFile) + "'";
}

/** " (e.g. COMMAND for the newest, gen-N)" if there is a complete generation, else "". */
std::string newest_example(const std::string& dir, const std::vector<Found>& found) {
    const unsigned long newest = newest_complete(found);
    if (newest == 0) return "";
    return " (e.g. " + restore_command(dir, newest) + " for the newest, " +
           generation_name(newest) + ")";
}

/** The name of the live generation, from the stub of @p dir; nullopt without a stub.
 *  @throws fahras::Error if the stub is not one line `glass gen-NNNNNN`. */
std::optional<std::string> read_stub(const std::string& dir, const std::vector<Found>& found) {
    const std::string stub = join(dir, kStubFile);
    if (!present(stub)) return std::nullopt;
    std::string text(kMaxStubBytes + 1, '\0');
    std::ifstream in(stub, std::ios::binary);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    std::string problem;
    std::string generation = stub_generation(text, problem);
    if (in.bad() || generation.empty()) {
        // A stub of several lines may name remote shards (`remote :PROGRAM` runs a program):
        // an index directory's own stub names its live generation and nothing else.
        throw Error("index '" + dir + "': stub file '" + stub +
                    "' is not the one line 'glass gen-NNNNNN' that fahras writes: make it name "
                    "the live generation" +
                    newest_example(dir, found) +
                    ", and list remote shards in a stub file of your own outside the index "
                    "directory; nothing was deleted");
    }
    return generation;
}

/** Removes the directory @p path, which fahras can prove its own. The marker goes in first
 *  and out last: a run killed while deleting leaves a directory still provably fahras's.
 *  Fault point @p fault is passed once the first file is gone. Errors are ignored: what
 *  cannot be removed now is tried again by the next run. */
void remove_ours(const fs::path& path, std::string_view fault) noexcept {
    const fs::path marker = path / kMarker;
    if (!present(marker)) {
        const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd >= 0) ::close(fd);
    }
    std::error_code ec;
    std::vector<fs::path> inside;
    for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
        if (entry.path().filename() != kMarker) inside.push_back(entry.path());
    }
    bool first = true;
    for (const fs::path& p : inside) {
        std::error_code ignored;
        fs::remove_all(p, ignored);  // a symbolic link is removed, not followed
        if (first) fault_point(fault);
        first = false;
    }
    std::error_code ignored;
    fs::remove(marker, ignored);
    fs::remove(path, ignored);  // rmdir(2): only if empty by now
}

/** Creates the directory @p path (which must not exist) with the unfinished marker.
 *  @return false if @p path exists already. */
bool create_marked(const std::string& path, const std::string& dir) {
    if (::mkdir(path.c_str(), 0755) != 0) {
        if (errno == EEXIST) return false;
        fail("index '" + dir + "': cannot create '" + path + "'", errno);
    }
    const std::string marker = join(path, kMarker);
    const int fd =
        ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        const int error = errno;
        ::rmdir(path.c_str());
        fail("index '" + dir + "': cannot create '" + marker + "'", error);
    }
    ::close(fd);
    return true;
}

/** @throws fahras::Error if @p dir holds something and none of it is a fahras index: a
 *  directory fahras would share with files of someone else's. */
void check_is_index_or_empty(const std::string& dir) {
    const std::vector<Found> found = scan(dir);
    bool foreign = false;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == kLock || name == kStubTempFile) continue;
        if (name == kStubFile) return;  // clean() checks it
        if (name == kGlassFile && fahras_database(dir)) return;
        const auto it = std::find_if(found.begin(), found.end(),
                                     [&](const Found& f) { return f.path == entry.path(); });
        if (it != found.end()) {
            if (it->unfinished()) continue;
            if (it->complete() && fahras_database(it->path)) return;
        }
        foreign = true;
    }
    if (foreign) {
        throw Error("cannot use '" + dir +
                    "' as an index directory: it is not empty and holds no fahras index (no "
                    "XAPIANDB stub, no generation gen-NNNNNN): name a new or empty directory");
    }
}

/** @throws fahras::Error, saying how to recover, if the layout of @p dir (holding @p found,
 *  its stub naming @p live_name) is damaged: generations but no stub, a stub naming a missing
 *  generation, or a complete generation newer than the live one. */
void check_layout(const std::string& dir, const std::vector<Found>& found,
                  const std::optional<std::string>& live_name) {
    if (!live_name && newest_complete(found) != 0) {
        throw Error("index '" + dir + "' holds generations but no stub file '" +
                    join(dir, kStubFile) + "' naming the live one: restore it" +
                    newest_example(dir, found) +
                    ", or move the directory away and index again; nothing was deleted");
    }
    const unsigned long live = live_name ? generation_number(*live_name) : 0;
    std::error_code ec;
    if (live_name && !fs::is_directory(join(dir, *live_name), ec)) {
        const std::string example = newest_example(dir, found);
        throw Error("index '" + dir + "': stub file '" + join(dir, kStubFile) +
                    "' names generation '" + *live_name + "', which does not exist: " +
                    (example.empty() ? "no complete generation is left, move the directory "
                                       "away and index again"
                                     : "point it at a complete generation" + example +
                                           ", or move the directory away and index again") +
                    "; nothing was deleted");
    }
    for (const Found& f : found) {
        if (f.part || f.number <= live || f.unfinished() || !f.complete()) continue;
        throw Error("index '" + dir + "': generation '" + generation_name(f.number) +
                    "' is complete but newer than the live one, '" + *live_name +
                    "', that stub file '" + join(dir, kStubFile) +
                    "' names: point the stub at the generation you want (" +
                    restore_command(dir, f.number) +
                    " for the newer one) and run again; "
                    "nothing was deleted");
    }
}

/** fsync(2)s every file in the directory @p dir, then @p dir itself and its parent @p parent:
 *  a generation written without Xapian's syncs (Xapian::DB_NO_SYNC) is on disk, and so is
 *  its name, before a stub names it. @throws fahras::Error (naming the index @p shown). */
void sync_generation(const std::string& dir, const std::string& parent, const std::string& shown) {
    const auto sync = [&](const std::string& path, int flags) {
        const int fd = ::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0 || ::fsync(fd) != 0) {
            const int error = errno;
            if (fd >= 0) ::close(fd);
            fail("index '" + shown + "': cannot sync '" + path + "'", error);
        }
        ::close(fd);
    };
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        std::error_code type_ec;
        if (entry.is_symlink(type_ec) || !entry.is_regular_file(type_ec)) continue;
        sync(entry.path().string(), O_RDONLY);
    }
    if (ec) fail("index '" + shown + "': cannot list '" + dir + "'", ec.value());
    sync(dir, O_RDONLY | O_DIRECTORY);
    sync(parent, O_RDONLY | O_DIRECTORY);
}

}  // namespace

void fault_point(std::string_view name) {
    static const std::string armed = [] {
        const char* value = std::getenv("FAHRAS_FAULT_AT");
        return std::string(value == nullptr ? "" : value);
    }();
    if (!armed.empty() && armed == name) ::raise(SIGKILL);
}

Xapian::WritableDatabase open_writable(const std::string& path, int flags,
                                       const std::string& shown) {
    try {
        return Xapian::WritableDatabase(path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLockedError("index '" + shown + "' is locked by another writer");
    }
}

IndexDir::IndexDir(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (ec) throw Error("cannot create index directory '" + path_ + "': " + ec.message());
    check_is_index_or_empty(path_);  // before the lock file: litter nobody's directory
    const std::string lock = join(path_, kLock);
    // O_NOFOLLOW: a symbolic link planted there must not make fahras create a file elsewhere.
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    struct stat st {};
    if (lock_fd_ < 0 && errno != ELOOP && errno != EISDIR) {
        fail("index '" + path_ + "' is not writable", errno);
    }
    if (lock_fd_ < 0 || ::fstat(lock_fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (lock_fd_ >= 0) ::close(lock_fd_);
        lock_fd_ = -1;
        throw Error("index '" + path_ + "': lock file '" + lock +
                    "' is a symbolic link or not a regular file: remove it (fahras creates its "
                    "lock file itself)");
    }
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
    return present(join(path_, kGlassFile)) && !present(join(path_, kStubFile));
}

std::string IndexDir::current() const {
    if (plain()) return path_;
    const std::optional<std::string> live = read_stub(path_, scan(path_));
    return live ? join(path_, *live) : std::string();
}

void IndexDir::clean() const {
    if (plain()) return;  // never delete anything inside a plain database
    const std::vector<Found> found = scan(path_);
    const std::optional<std::string> live_name = read_stub(path_, found);
    // First every check, then the deletions: a damaged layout loses nothing.
    check_layout(path_, found, live_name);
    const unsigned long live = live_name ? generation_number(*live_name) : 0;
    std::error_code ec;

    // The stub's time is the last swap's. Generations replaced less than kGrace ago stay:
    // a searcher may have read the old stub and not yet opened the generation it named
    // (once opened, a generation's files stay readable even when deleted).
    const auto swapped = fs::last_write_time(join(path_, kStubFile), ec);
    const bool recent_swap = !ec && fs::file_time_type::clock::now() - swapped < kGrace;
    for (const Found& f : found) {
        if ((f.part || f.number != live) && f.unfinished()) remove_ours(f.path, "clean");
    }
    fault_point("clean");
    if (const fs::path temp = join(path_, kStubTempFile); present(temp)) {
        const fs::file_status st = fs::symlink_status(temp, ec);
        std::error_code ignored;
        if (fs::is_regular_file(st) || fs::is_symlink(st)) fs::remove(temp, ignored);
    }
    for (const Found& f : found) {
        if (!f.part && f.number < live && !f.unfinished() && !recent_swap && f.real_dir &&
            (f.retired || (f.database && fahras_database(f.path)))) {
            remove_ours(f.path, "generation-cleanup");
        }
    }
    if (live_name) {
        // Left by a run killed just after its swap (publish() removes it after the rename),
        // or a stub pointed back at a replaced generation.
        std::error_code ignored;
        fs::remove(join(join(path_, *live_name), kMarker), ignored);
        fs::remove(join(join(path_, *live_name), kRetired), ignored);
    }
}

std::string IndexDir::create_generation() const {
    unsigned long highest = 0;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(path_, ec)) {
        highest = std::max(highest, leading_generation_number(entry.path().filename().string()));
    }
    for (unsigned long n = highest + 1;; ++n) {
        if (n > kMaxGeneration) {
            throw Error("index '" + path_ + "': no generation number is left after '" +
                        generation_name(highest) + "': rebuild the index in a new directory");
        }
        const std::string generation = join(path_, generation_name(n));
        if (create_marked(generation, path_)) return generation;
    }
}

std::string IndexDir::create_part(const std::string& generation, std::size_t k) const {
    const std::string part = generation + std::string(kPartInfix) + std::to_string(k);
    if (!create_marked(part, path_)) {
        fail("index '" + path_ + "': cannot create '" + part + "'", EEXIST);
    }
    return part;
}

void IndexDir::publish(const std::string& generation) const {
    // The generation's writers may have skipped their syncs (build_generation): one sync of
    // every file here, before the stub can name it, makes it as durable as Xapian's commits.
    sync_generation(generation, path_, path_);
    const std::string temp = join(path_, kStubTempFile);
    const std::string what = "index '" + path_ + "': cannot write '" + temp + "'";
    const int fd =
        ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) fail(what, errno);
    try {
        write_all(fd, stub_text(fs::path(generation).filename().string()), what);
        if (::fsync(fd) != 0) fail(what, errno);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) fail(what, errno);
    std::optional<std::string> replaced;
    try {
        replaced = read_stub(path_, {});
    } catch (const Error&) {
        // clean() refused such a stub before this run wrote anything.
    }
    fault_point("before-swap");
    // The swap itself: rename(2) replaces the live stub atomically.
    const std::string stub = join(path_, kStubFile);
    if (std::rename(temp.c_str(), stub.c_str()) != 0) {
        fail("index '" + path_ + "': cannot replace '" + stub + "'", errno);
    }
    // Make the rename durable before the marker goes and old generations may be deleted.
    const int dir = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    fault_point("after-swap");
    // Live now: it never needed the marker to be kept, and a later stub restored from an
    // older backup must not make it look unfinished.
    std::error_code ignored;
    fs::remove(join(generation, kMarker), ignored);
    const std::string name = fs::path(generation).filename().string();
    if (replaced && *replaced != name) {
        const std::string retired = join(join(path_, *replaced), kRetired);
        const int fd = ::open(retired.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd >= 0) ::close(fd);
    }
}

void IndexDir::discard(const std::string& path) const noexcept { remove_ours(path, ""); }

}  // namespace fahras::detail
