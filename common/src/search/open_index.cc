/** @file
 *  @brief Internal: opening an index for search, a single database or a stub listing shards;
 *         noticing when its stub files change.
 */
#include "search/open_index.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "schema/layout.h"
#include "schema/metadata.h"
#include "util/lines.h"

namespace fahras::detail {

namespace {

namespace fs = std::filesystem;

/** Where we are in opening @p top: the stub line being opened, for error messages. */
struct Opening {
    const std::string& top;
    std::optional<StemmerKind> stemmer;  ///< of the first shard
    std::size_t shards = 0;
    std::vector<StubStamp> stubs;  ///< read so far
};

/** @p path's stamp now; a file that cannot be stat'ed has the stamp of none. */
StubStamp stamp(const std::string& path) {
    StubStamp s{.path = path};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        s.device = static_cast<std::uint64_t>(st.st_dev);
        s.inode = static_cast<std::uint64_t>(st.st_ino);
        s.size = static_cast<std::int64_t>(st.st_size);
        s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                     static_cast<std::int64_t>(st.st_mtim.tv_nsec);
    }
    return s;
}

/** The whole of the stub file @p stub, its stamp taken first and recorded in @p o (were it
 *  replaced in between, the next check finds a newer stamp and reads it again). */
std::string read_stub(const std::string& stub, Opening& o) {
    o.stubs.push_back(stamp(stub));
    std::ifstream in(stub, std::ios::binary);
    if (!in) {
        throw Error("cannot open index '" + o.top + "': cannot read stub file '" + stub + "'");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** "index 'TOP'" or "index 'TOP', shard 'LINE'". */
std::string where(const Opening& o, const std::string& shard) {
    return shard.empty() ? "index '" + o.top + "'" : "index '" + o.top + "', shard '" + shard + "'";
}

/** Checks that @p db (one shard, or the whole index if @p shard is empty) was analyzed by
 *  this library, with the same stemmer as the shards before it. */
void check_shard(const Xapian::Database& db, const std::string& shard, Opening& o) {
    const RecordedAnalysis recorded = recorded_analysis(db);
    const std::string subject = where(o, shard);
    check_analyzer_version(
        recorded,
        {.subject = subject,
         .program = "fahras-search",
         .not_fahras = shard.empty() ? "'" + o.top +
                                           "' is not a fahras index: build it with fahras-index "
                                           "--db '" +
                                           o.top + "' SOURCE..."
                                     : subject + " is not a fahras index",
         .other_version = shard.empty()
                              ? "re-run fahras-index --rebuild --db '" + o.top + "' SOURCE..."
                              : "rebuild it with this fahras-index"});
    const StemmerKind kind = parse_stemmer_kind(recorded.stemmer);
    if (o.stemmer)
        check_same_stemmer(recorded, to_string(*o.stemmer), "the shards before it", subject);
    o.stemmer = kind;
}

/** Checks @p db as the shard @p shard (the whole index if empty) and adds it to @p all. */
void add_shard(Xapian::Database& all, const Xapian::Database& db, const std::string& shard,
               Opening& o) {
    check_shard(db, shard, o);
    all.add_database(db);
    ++o.shards;
}

/** The database @p open opens, for the shard @p shard: a Xapian::DatabaseOpeningError as
 *  fahras's error naming it. */
template <typename Open>
Xapian::Database open_local(const Open& open, const std::string& shard, const Opening& o) {
    try {
        return open();
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open " + where(o, shard) + ": " + e.get_msg());
    }
}

/** The remote shard @p arg of the stub line @p line: `:PROGRAM ARGS` (a program speaking the
 *  remote protocol) or `HOST:PORT` (as xapian-tcpsrv serves). */
Xapian::Database open_remote(const std::string& arg, const std::string& line, const Opening& o) {
    try {
        if (arg.front() == ':') {  // a program speaking the remote protocol
            const auto args = arg.find(' ');
            return Xapian::Remote::open(
                arg.substr(1, args == std::string::npos ? std::string::npos : args - 1),
                args == std::string::npos ? "" : arg.substr(args + 1));
        }
        // HOST:PORT, as xapian-tcpsrv serves
        const auto colon = arg.rfind(':');
        if (colon == std::string::npos || colon + 1 == arg.size()) {
            throw Error("cannot open " + where(o, line) + ": expected HOST:PORT");
        }
        std::string host = arg.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);  // [IPv6 address]
        }
        return Xapian::Remote::open(host,
                                    static_cast<unsigned>(std::atoi(arg.c_str() + colon + 1)));
    } catch (const Xapian::NetworkError& e) {
        const char* why = e.get_error_string();
        throw Error("cannot open " + where(o, line) + ": " + e.get_msg() +
                    (why != nullptr ? std::string(" (") + why + ")" : ""));
    }
}

void open_into(Xapian::Database& all, const std::string& path, const std::string& shard,
               Opening& o);

/** Opens every line of the stub file @p stub, one the user named (Xapian's format: `auto
 *  PATH`, `glass PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`; '#' comments) into
 *  @p all. Errors name each shard by its line. */
void open_stub(Xapian::Database& all, const std::string& stub, Opening& o) {
    std::istringstream in(read_stub(stub, o));
    detail::for_each_content_line(in, [&](const std::string& line, std::size_t number) {
        const auto space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
        if ((type == "auto" || type == "glass") && !arg.empty()) {
            // Relative paths are relative to the stub's directory, as Xapian reads them.
            const fs::path p = fs::path(stub).parent_path() / arg;
            open_into(all, fs::path(arg).is_absolute() ? arg : p.string(), line, o);
        } else if (type == "remote" && !arg.empty()) {
            add_shard(all, open_remote(arg, line, o), line, o);
        } else {
            throw Error("cannot open " + where(o, "") + ": stub file '" + stub + "' line " +
                        std::to_string(number) + ": expected 'auto PATH' or 'remote HOST:PORT'");
        }
    });
}

/** Opens the live generation of the fahras index directory @p dir into @p all. Only the
 *  line fahras writes is read from its stub: a directory is what cron jobs and other users
 *  write into, and a stub line such as `remote :PROGRAM` would run a program. */
void open_index_dir(Xapian::Database& all, const std::string& dir, const std::string& shard,
                    Opening& o) {
    const std::string stub = (fs::path(dir) / kStubFile).string();
    std::string problem;
    const std::string generation = stub_generation(read_stub(stub, o), problem);
    if (generation.empty()) {
        throw Error("index '" + dir + "': stub file '" + stub +
                    "' must hold one line 'glass gen-NNNNNN' (" + problem + ")");
    }
    // The glass backend by name: Xapian is not to look for another stub in there.
    const auto open = [&] {
        return Xapian::Database((fs::path(dir) / generation).string(), Xapian::DB_BACKEND_GLASS);
    };
    add_shard(all, open_local(open, shard, o), shard, o);
}

/** The error for a directory that holds no database at all: most often one of texts, given
 *  to --db where fahras-index wanted it as a SOURCE (Xapian would say "Couldn't detect type
 *  of database"). */
Error not_an_index(const std::string& dir, const std::string& shard, const Opening& o) {
    std::error_code ec;
    const bool empty = fs::is_empty(dir, ec);
    const std::string what = "'" + dir + "' is not a fahras index (" +
                             (empty ? "it is an empty directory" : "it holds no XAPIANDB") + ")";
    if (!shard.empty()) return Error("cannot open " + where(o, shard) + ": " + what);
    return Error(what + ": build one with fahras-index --db " +
                 (empty ? "'" + dir + "' SOURCE..." : "INDEX '" + dir + "'"));
}

void open_into(Xapian::Database& all, const std::string& path, const std::string& shard,
               Opening& o) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
        throw Error("cannot open " + where(o, shard) + ": no such file or directory");
    }
    // A stub file the user named, or one named in it.
    if (fs::is_regular_file(status)) return open_stub(all, path, o);
    const bool glass = fs::exists(fs::path(path) / kGlassFile, ec);
    if (fs::is_directory(status) && !glass && fs::exists(fs::path(path) / kStubFile, ec)) {
        return open_index_dir(all, path, shard, o);
    }
    if (fs::is_directory(status) && !glass && !fs::exists(fs::path(path) / "iamchert", ec) &&
        !fs::exists(fs::path(path) / "iamhoney", ec)) {
        throw not_an_index(path, shard, o);
    }
    // A plain glass database: by name, so that a stub beside it is never read.
    const auto open = [&] {
        return glass ? Xapian::Database(path, Xapian::DB_BACKEND_GLASS) : Xapian::Database(path);
    };
    add_shard(all, open_local(open, shard, o), shard, o);
}

}  // namespace

OpenedIndex open_index(const std::string& path) {
    Opening o{path, std::nullopt, 0, {}};
    OpenedIndex opened;
    try {
        open_into(opened.db, path, "", o);
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw damaged_index(path, e);
    }
    if (o.shards == 0) throw Error("cannot open index '" + path + "': its stub lists no database");
    opened.stemmer = *o.stemmer;
    opened.shards = o.shards;
    opened.stubs = std::move(o.stubs);
    return opened;
}

Error damaged_index(const std::string& path, const Xapian::Error& e) {
    // xapian-check reads an index directory through its stub.
    std::error_code ec;
    const fs::path stub = fs::path(path) / kStubFile;
    const std::string check =
        fs::is_directory(path, ec) && fs::exists(stub, ec) ? stub.string() : path;
    return Error("index '" + path + "' is damaged (" + e.get_description() +
                 "): run xapian-check '" + check +
                 "'; if it reports errors, rebuild the index (fahras-index --rebuild)");
}

bool stubs_changed(const std::vector<StubStamp>& stubs) {
    return std::any_of(stubs.begin(), stubs.end(),
                       [](const StubStamp& s) { return stamp(s.path) != s; });
}

SearchSeams& search_seams() {
    static SearchSeams seams;
    return seams;
}

}  // namespace fahras::detail
