/** @file
 *  @brief Tests of when a writer commits a batch (fahras/batch.h).
 */
#include "fahras/batch.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "fahras/index_writer.h"

TEST_CASE("a batch is full after batch_size documents or batch_bytes of text, whichever first") {
    fahras::IndexOptions options;
    options.batch_size = 3;
    options.batch_bytes = 100;
    fahras::Batch batch(options);
    std::vector<bool> full;
    // 3 small documents; then 60 + 50 bytes; then a document over the byte limit by itself
    for (const std::size_t bytes : {10, 10, 10, 60, 50, 150, 10})
        full.push_back(batch.full_after(bytes));
    CHECK(full == std::vector<bool>{false, false, true, false, true, true, false});

    options.batch_size = 0;   // no count limit
    options.batch_bytes = 0;  // nor byte limit: one batch, committed at the end
    fahras::Batch unlimited(options);
    for (int i = 0; i < 5000; ++i) REQUIRE_FALSE(unlimited.full_after(1 << 20));
}
