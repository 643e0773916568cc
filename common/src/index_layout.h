/** @file
 *  @brief The on-disk layout of a fahras index: a lock, a Xapian stub file, generations.
 *
 *  See docs/index-layout.md. Internal to fahras_common.
 */
#pragma once

#include <string>

namespace fahras::detail {

/** An index directory, locked against other indexers for the life of this object.
 *
 *  `DIR/XAPIANDB` is a Xapian stub file naming the live generation (`glass gen-000007`),
 *  which Xapian::Database(DIR) opens; `DIR/gen-NNNNNN` are the generations (Xapian
 *  databases); `DIR/fahras.lock` is the indexers' lock (flock(2), released by the kernel
 *  however the process ends). A directory holding a Xapian database itself (`iamglass`,
 *  written by fahras before generations) is "plain": it is updated in place.
 */
class IndexDir {
  public:
    /** Creates @p path if missing and takes its lock.
     *  @throws fahras::IndexLockedError if another indexer holds it.
     *  @throws fahras::Error if the directory cannot be created or written.
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
     *  or empty if there is no index yet. @throws fahras::Error on a stub fahras did not
     *  write. */
    [[nodiscard]] std::string current() const;
    /** Removes what earlier runs left behind: unfinished generations and shards of killed
     *  runs, temporary stub files, and the generations the live one replaced, once the last
     *  swap is a minute old (a searcher may have read the stub just before the swap). */
    void clean() const;
    /** The path for a new generation, numbered after every one present (not created). */
    [[nodiscard]] std::string next_generation() const;
    /** Makes @p generation (a path from next_generation()) the live one: writes a new stub
     *  beside the live one, syncs it, and rename(2)s it over the live stub, so that a
     *  searcher opens either the old generation or the new one. */
    void publish(const std::string& generation) const;

  private:
    std::string path_;
    int lock_fd_ = -1;
};

}  // namespace fahras::detail
