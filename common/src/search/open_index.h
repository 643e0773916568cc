/** @file
 *  @brief Internal: opening an index for search, a single database or a stub listing shards;
 *         noticing when its stub files change.
 */
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/error.h"

namespace fahras::detail {

/** A stub file as it was when an index was opened through it: which file (device, inode),
 *  its size and its mtime. A rebuild rename(2)s a new stub over the old one, which changes
 *  the inode; any other change of the file changes its mtime. */
struct StubStamp {
    std::string path;
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t size = -1;
    std::int64_t mtime_ns = -1;

    friend bool operator==(const StubStamp&, const StubStamp&) = default;
};

/** An index opened for search, with what its metadata says. */
struct OpenedIndex {
    Xapian::Database db;                       ///< every shard, as one database
    StemmerKind stemmer = StemmerKind::Light;  ///< the stemmer every shard was built with
    std::size_t shards = 0;                    ///< databases opened (1 for a plain index)
    std::vector<StubStamp> stubs;              ///< the stub files read to open it, in order
};

/** Opens @p path for search: a fahras index directory, a plain Xapian database, or a Xapian
 *  stub file listing local shards (`auto PATH`, relative to the stub; `glass PATH`) and
 *  remote ones (`remote HOST:PORT` served by xapian-tcpsrv, `remote :PROGRAM ARGS`), stubs
 *  nested in stubs included. Each shard's metadata is checked on its own (Xapian reads a
 *  combined database's metadata from its first shard only).
 *
 *  A fahras index directory (`DIR/XAPIANDB`, no `DIR/iamglass`), whether @p path or a shard,
 *  is opened by its own stub, which must hold exactly one line `glass gen-NNNNNN`: fahras
 *  writes it, and a line it did not write (`remote :PROGRAM` runs a program) is refused.
 *  Remote shards are opened only from a stub file named by @p path or by an `auto` line of
 *  such a file.
 *  @throws fahras::Error naming @p path (and the shard's stub line) if something cannot be
 *          opened, a stub line is not understood, or an index directory's stub holds
 *          anything but its generation; damaged_index() if a database is damaged.
 *  @throws fahras::IndexVersionError if a shard is not a fahras index, was built with
 *          another analyzer version, or with another stemmer than the shards before it.
 */
[[nodiscard]] OpenedIndex open_index(const std::string& path);

/** The error for the index at @p path that Xapian finds damaged (@p e, a
 *  Xapian::DatabaseCorruptError): "index 'PATH' is damaged (...): run xapian-check '...';
 *  if it reports errors, rebuild the index (fahras-index --rebuild)". */
[[nodiscard]] Error damaged_index(const std::string& path, const Xapian::Error& e);

/** True if any of @p stubs is no longer the file it was (replaced, changed, or gone): the
 *  index must then be opened anew. One stat(2) per stub. */
[[nodiscard]] bool stubs_changed(const std::vector<StubStamp>& stubs);

/** How long Searcher::search keeps trying while commits overtake its reads (it reopens the
 *  newest revision and searches again, as often as it takes). */
inline constexpr std::chrono::seconds kChangeDeadline{10};

/** Test seams of Searcher::search (tests/reader_test.cc); the programs leave them empty. Set
 *  them before searching and clear them after (they are read without a lock). */
struct SearchSeams {
    std::function<void()> before_reopen;  ///< each attempt, after the stub files were checked
    std::function<void()> before_search;  ///< each attempt, after Database::reopen()
    std::chrono::steady_clock::duration deadline = kChangeDeadline;
};

/** The seams, shared by every Searcher of the process. */
[[nodiscard]] SearchSeams& search_seams();

}  // namespace fahras::detail
