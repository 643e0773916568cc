/** @file
 *  @brief Internal: opening an index for search, a single database or a stub listing shards.
 */
#include "open_index.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "lines.h"

namespace fahras::detail {

namespace {

namespace fs = std::filesystem;

/** Where we are in opening @p top: the stub line being opened, for error messages. */
struct Opening {
    const std::string& top;
    std::optional<StemmerKind> stemmer;  ///< of the first shard
    std::size_t shards = 0;
};

/** "index 'TOP'" or "index 'TOP', shard 'LINE'". */
std::string where(const Opening& o, const std::string& shard) {
    return shard.empty() ? "index '" + o.top + "'" : "index '" + o.top + "', shard '" + shard + "'";
}

/** Checks that @p db (one shard, or the whole index if @p shard is empty) was analyzed by
 *  this library, with the same stemmer as the shards before it. */
void check_shard(const Xapian::Database& db, const std::string& shard, Opening& o) {
    const std::string version = db.get_metadata(std::string(schema::kMetaAnalyzer));
    if (version.empty()) {
        if (shard.empty()) {
            throw IndexVersionError("'" + o.top +
                                    "' is not a fahras index: build it with fahras-index --db '" +
                                    o.top + "' SOURCE...");
        }
        throw IndexVersionError(where(o, shard) + " is not a fahras index");
    }
    if (version != std::to_string(kAnalyzerVersion)) {
        throw IndexVersionError(
            where(o, shard) + " was built with analyzer version " + version +
            ", this fahras-search uses version " + std::to_string(kAnalyzerVersion) +
            (shard.empty() ? ": re-run fahras-index --rebuild --db '" + o.top + "' SOURCE..."
                           : ": rebuild it with this fahras-index"));
    }
    const std::string stemmer = db.get_metadata(std::string(schema::kMetaStemmer));
    const StemmerKind kind = parse_stemmer_kind(stemmer);
    if (o.stemmer && *o.stemmer != kind) {
        throw IndexVersionError(where(o, shard) + " was built with stemmer '" + stemmer +
                                "', the shards before it with '" +
                                std::string(to_string(*o.stemmer)) +
                                "': build every shard with the same --stemmer");
    }
    o.stemmer = kind;
}

void open_into(Xapian::Database& all, const std::string& path, const std::string& shard,
               Opening& o);

/** Opens every line of the stub file @p stub (Xapian's format: `auto PATH`, `glass PATH`,
 *  `remote HOST:PORT`, `remote :PROGRAM ARGS`; '#' comments) into @p all. Errors name each
 *  shard by its line, or by @p name if given (an index directory's own stub, naming its
 *  live generation, stands for the directory). */
void open_stub(Xapian::Database& all, const std::string& stub, Opening& o,
               const std::optional<std::string>& name = std::nullopt) {
    std::ifstream in(stub);
    if (!in) throw Error("cannot open " + where(o, "") + ": cannot read stub file '" + stub + "'");
    detail::for_each_content_line(in, [&](const std::string& line, std::size_t number) {
        const auto space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
        if ((type == "auto" || type == "glass") && !arg.empty()) {
            // Relative paths are relative to the stub's directory, as Xapian reads them.
            const fs::path p = fs::path(stub).parent_path() / arg;
            open_into(all, fs::path(arg).is_absolute() ? arg : p.string(), name.value_or(line), o);
        } else if (type == "remote" && !arg.empty()) {
            Xapian::Database remote;
            try {
                if (arg.front() == ':') {  // a program speaking the remote protocol
                    const auto args = arg.find(' ');
                    remote = Xapian::Remote::open(
                        arg.substr(1, args == std::string::npos ? std::string::npos : args - 1),
                        args == std::string::npos ? "" : arg.substr(args + 1));
                } else {  // HOST:PORT, as xapian-tcpsrv serves
                    const auto colon = arg.rfind(':');
                    if (colon == std::string::npos || colon + 1 == arg.size()) {
                        throw Error("cannot open " + where(o, line) + ": expected HOST:PORT");
                    }
                    std::string host = arg.substr(0, colon);
                    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
                        host = host.substr(1, host.size() - 2);  // [IPv6 address]
                    }
                    remote = Xapian::Remote::open(
                        host, static_cast<unsigned>(std::atoi(arg.c_str() + colon + 1)));
                }
            } catch (const Xapian::NetworkError& e) {
                const char* why = e.get_error_string();
                throw Error("cannot open " + where(o, line) + ": " + e.get_msg() +
                            (why != nullptr ? std::string(" (") + why + ")" : ""));
            }
            check_shard(remote, line, o);
            all.add_database(remote);
            ++o.shards;
        } else {
            throw Error("cannot open " + where(o, "") + ": stub file '" + stub + "' line " +
                        std::to_string(number) + ": expected 'auto PATH' or 'remote HOST:PORT'");
        }
    });
}

void open_into(Xapian::Database& all, const std::string& path, const std::string& shard,
               Opening& o) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
        throw Error("cannot open " + (shard.empty() ? "index '" + o.top + "'" : where(o, shard)) +
                    ": no such file or directory");
    }
    // A stub: a file, or a directory holding one (a fahras index's live generation).
    if (fs::is_regular_file(status)) return open_stub(all, path, o);
    if (fs::is_directory(status) && !fs::exists(fs::path(path) / "iamglass", ec) &&
        fs::exists(fs::path(path) / "XAPIANDB", ec)) {
        return open_stub(all, (fs::path(path) / "XAPIANDB").string(), o, shard);
    }
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open " + (shard.empty() ? "index '" + o.top + "'" : where(o, shard)) +
                    ": " + e.get_msg());
    }
    check_shard(db, shard, o);
    all.add_database(db);
    ++o.shards;
}

}  // namespace

OpenedIndex open_index(const std::string& path) {
    Opening o{path, std::nullopt, 0};
    OpenedIndex opened;
    open_into(opened.db, path, "", o);
    if (o.shards == 0) throw Error("cannot open index '" + path + "': its stub lists no database");
    opened.stemmer = *o.stemmer;
    opened.shards = o.shards;
    return opened;
}

}  // namespace fahras::detail
