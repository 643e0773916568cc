/** @file
 *  @brief Internal: opening an index for search, a single database or a stub listing shards.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "fahras/analyzer.h"

namespace fahras::detail {

/** An index opened for search, with what its metadata says. */
struct OpenedIndex {
    Xapian::Database db;                       ///< every shard, as one database
    StemmerKind stemmer = StemmerKind::Light;  ///< the stemmer every shard was built with
    std::size_t shards = 0;                    ///< databases opened (1 for a plain index)
};

/** Opens @p path for search: a fahras index directory, or a Xapian stub file (or a directory
 *  holding one, `XAPIANDB`) listing local shards (`auto PATH`, relative to the stub) and
 *  remote ones (`remote HOST:PORT` served by xapian-tcpsrv, `remote :PROGRAM ARGS`), stubs
 *  nested in stubs included. Each shard's metadata is checked on its own (Xapian reads a
 *  combined database's metadata from its first shard only).
 *  @throws fahras::Error naming @p path (and the shard's stub line) if something cannot be
 *          opened or a stub line is not understood.
 *  @throws fahras::IndexVersionError if a shard is not a fahras index, was built with
 *          another analyzer version, or with another stemmer than the shards before it.
 */
[[nodiscard]] OpenedIndex open_index(const std::string& path);

}  // namespace fahras::detail
