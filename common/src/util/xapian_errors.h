/** @file
 *  @brief Internal: Xapian's errors turned into fahras's where they would leave the library
 *  (docs/architecture.md, "The library boundary"), so that no caller includes <xapian.h>.
 */
#pragma once

#include <string>

namespace fahras::detail {

/** Rethrows the exception being handled, a Xapian::Error turned into a fahras error about the
 *  index @p path, with the message fahras-index and fahras-search printed for it:
 *  - Xapian::DatabaseLockError: IndexLockedError("index 'PATH' is locked by another indexer");
 *  - Xapian::DatabaseCorruptError: IndexDamagedError("index 'PATH': " + its description);
 *  - any other Xapian::Error: Error("index 'PATH': " + its description).
 *  Any other exception is rethrown as it is. Call it only from a handler (`catch (...)`),
 *  at an entry point of the library: inside, Xapian's errors tell callers what to do
 *  (DatabaseModifiedError: read again). */
[[noreturn]] void rethrow_index_error(const std::string& path);

}  // namespace fahras::detail
