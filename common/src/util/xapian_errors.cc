/** @file
 *  @brief Internal: Xapian's errors turned into fahras's at the library's boundary.
 */
#include "util/xapian_errors.h"

#include <xapian.h>

#include "fahras/error.h"

namespace fahras::detail {

void rethrow_index_error(const std::string& path) {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLockedError("index '" + path + "' is locked by another indexer");
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw IndexDamagedError("index '" + path + "': " + e.get_description());
    } catch (const Xapian::Error& e) {
        throw Error("index '" + path + "': " + e.get_description());
    }
}

}  // namespace fahras::detail
