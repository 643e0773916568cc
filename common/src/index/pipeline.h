/** @file
 *  @brief Internal: the threads of an index_sources() run: one reading, one writing a
 *  database each (read_and_write).
 */
#pragma once

#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/database_writer.h"
#include "index/reader.h"
#include "index/run.h"

namespace fahras::detail {

/** Reads @p sources (SourceReader, in a thread of its own, as @p plan says) into @p writers,
 *  each fed by a queue of its own and run in this thread for the first and in threads of
 *  their own for the others; each commits every batch (fahras::Batch) and at the end.
 *  Rethrows the first error, once every thread has stopped. */
void read_and_write(const std::vector<std::string>& sources,
                    const std::vector<DatabaseWriter*>& writers, const IndexOptions& options,
                    const ReadPlan& plan, Run& run);

}  // namespace fahras::detail
