/** @file
 *  @brief An index directory (IndexDir): its lock, its Xapian stub file, its generations.
 *
 *  See docs/index-layout.md, whose section "What fahras may delete, and when" is the
 *  contract this file keeps. Internal to fahras_common.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace fahras::detail {

/** Test-only fault injection (docs/index-layout.md, "Fault points"): if the environment
 *  variable `FAHRAS_FAULT_AT` equals @p name, the process kills itself with SIGKILL here,
 *  as `kill -9` at that moment would. Costs one string comparison otherwise. */
void fault_point(std::string_view name);

/** Opens (or creates, per @p flags) the Xapian database @p path for writing.
 *  @throws fahras::IndexLockedError naming @p shown if another writer holds it (instead of
 *          Xapian::DatabaseLockError, so that callers need not include <xapian.h>). */
[[nodiscard]] Xapian::WritableDatabase open_writable(const std::string& path, int flags,
                                                     const std::string& shown);

/** An index directory, locked against other writers for the life of this object.
 *
 *  `DIR/XAPIANDB` is a Xapian stub file naming the live generation (`glass gen-000007`),
 *  which Xapian::Database(DIR) opens; `DIR/gen-NNNNNN` are the generations (Xapian
 *  databases); `DIR/fahras.lock` is the writers' lock (flock(2), released by the kernel
 *  however the process ends). A generation being written carries the marker file
 *  `fahras-unfinished` until it is live. A directory holding a Xapian database itself
 *  (`iamglass`, written by fahras before generations) is "plain": it is updated in place.
 */
class IndexDir {
  public:
    /** Creates @p path if missing and takes its lock (never through a symbolic link).
     *  @throws fahras::IndexLockedError if another writer holds it.
     *  @throws fahras::Error if the directory cannot be created or written, if it is not
     *          empty and holds no fahras index (checked before anything is written in it),
     *          or if `fahras.lock` is a symbolic link or not a regular file.
     */
    explicit IndexDir(std::string path);
    ~IndexDir();
    IndexDir(const IndexDir&) = delete;
    IndexDir& operator=(const IndexDir&) = delete;

    /** The directory, as given. */
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    /** True if the directory is a plain Xapian database (no stub, no generations). */
    [[nodiscard]] bool plain() const;
    /** The live database: the current generation's path, the directory itself if plain(),
     *  or empty if there is no index yet.
     *  @throws fahras::Error if the stub is not exactly one line `glass gen-NNNNNN`. */
    [[nodiscard]] std::string current() const;
    /** Checks the layout, then removes what earlier runs left behind and fahras can prove
     *  its own: generations and parts still marked unfinished, a temporary stub, and the
     *  generations the live one replaced, once the last swap is a minute old (a searcher
     *  may have read the stub just before the swap). Nothing else.
     *  @throws fahras::Error, deleting nothing, on a damaged layout: generations without a
     *          stub, a stub naming a missing generation or not exactly one line `glass
     *          gen-NNNNNN`, or a complete generation newer than the live one. The message
     *          says how to recover. */
    void clean() const;
    /** Creates the directory of a new generation, numbered after every name present, with
     *  the marker that makes it provably fahras's own until publish(); returns its path. */
    [[nodiscard]] std::string create_generation() const;
    /** Creates part @p k of the new generation @p generation, the database one of a run's
     *  parallel writers fills, marked as create_generation() marks it; returns its path,
     *  `GEN.shard-K` (an on-disk name of the layout, docs/index-layout.md: not --shard). */
    [[nodiscard]] std::string create_part(const std::string& generation, std::size_t k) const;
    /** Makes @p generation (a path from create_generation(), committed) the live one:
     *  fsync(2)s each of its files, itself and the index directory (it may have been
     *  written with Xapian::DB_NO_SYNC), writes a new stub beside the live one, syncs it,
     *  rename(2)s it over the live stub, so that a searcher opens either the old generation
     *  or the new one, then removes the generation's unfinished marker. */
    void publish(const std::string& generation) const;
    /** Removes @p path, a generation or part this process created (create_generation(),
     *  create_part()) and did not publish. Never throws. */
    void discard(const std::string& path) const noexcept;

  private:
    std::string path_;
    int lock_fd_ = -1;
};

}  // namespace fahras::detail
