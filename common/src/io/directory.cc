/** @file
 *  @brief Internal: reading a directory SOURCE: every .txt and .html file below it, in byte
 *  order of path, each directory once.
 */
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "analysis/utf8.h"
#include "io/readers.h"
#include "io/records.h"

namespace fahras::detail {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& name) {
    const std::string s = name.filename().string();
    return !s.empty() && s.front() == '.';
}

/** A directory's identity, to read each directory once (symbolic links can make loops). */
using DirKey = std::pair<dev_t, ino_t>;

std::optional<DirKey> dir_key(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
    return DirKey{st.st_dev, st.st_ino};
}

/** The walk of a directory SOURCE: the files to read below it, and a warning for whatever
 *  there cannot be read. */
class Walk {
  public:
    Walk(const fs::path& root, const std::string& shown, const ReadOptions& options,
         const WarningSink& on_warning)
        : root_(root), shown_(shown), options_(options), on_warning_(on_warning) {}

    /** The .txt and .html files below the root, in byte order of path. */
    std::vector<fs::path> files() {
        if (const auto key = dir_key(root_)) visited_.insert(*key);
        std::vector<fs::path> pending{root_};  // directories still to read (a stack: no recursion)
        while (!pending.empty()) {
            const fs::path dir = std::move(pending.back());
            pending.pop_back();
            std::vector<fs::path> subdirs;
            for (const fs::directory_entry& entry : entries(dir)) take(entry, subdirs);
            // Depth first, in byte order: the last pushed is read first.
            pending.insert(pending.end(), subdirs.rbegin(), subdirs.rend());
        }
        std::sort(files_.begin(), files_.end());
        return std::move(files_);
    }

    /** How warnings name @p p, below the root: the SOURCE as given, then the rest. */
    [[nodiscard]] std::string shown_path(const fs::path& p) const {
        return (fs::path(shown_) / p.lexically_relative(root_)).string();
    }

  private:
    /** The entries of @p dir, sorted; those it could list if reading it failed midway. */
    std::vector<fs::directory_entry> entries(const fs::path& dir) const {
        std::error_code ec;
        std::vector<fs::directory_entry> entries;
        fs::directory_iterator it(dir, ec);
        for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            entries.push_back(*it);
        }
        if (ec && dir == root_) {
            on_warning_(InputError(shown_, 0, "cannot read directory: " + ec.message()));
            report_unread(options_, Unread::Scope::Source, {}, 0);
        } else if (ec) {
            warn_below(dir, "cannot read directory: " + ec.message());
        }
        std::sort(entries.begin(), entries.end());
        return entries;
    }

    /** Takes @p entry: a file to read, a directory to walk (into @p subdirs), a warning, or
     *  nothing (hidden, or neither .txt nor .html). */
    void take(const fs::directory_entry& entry, std::vector<fs::path>& subdirs) {
        const fs::path& p = entry.path();
        if (is_hidden(p)) return;
        const FileKind kind = kind_of(p);
        std::error_code ec;
        const fs::file_status status = entry.status(ec);  // follows symbolic links
        const bool is_dir = fs::is_directory(status);
        if (!is_dir && kind != FileKind::Text && kind != FileKind::Html) return;
        if (const std::string bad = bad_name(p.filename().string(), is_dir ? "directory" : "file");
            !bad.empty()) {
            // Nothing is left unread: an id from that name could not be shown, and a
            // document an earlier version indexed under it can go.
            on_warning_(InputError(escape_bytes(shown_path(p)), 0, bad));
            return;
        }
        if (is_dir) {
            const auto key = dir_key(p);
            if (!key) {
                warn_below(p, errno_message("cannot read: "));
            } else if (!visited_.insert(*key).second) {
                warn_below(p, "directory already read (symbolic link loop?), skipped");
            } else {
                subdirs.push_back(p);
            }
        } else if (ec && entry.is_symlink()) {
            warn_below(p, "broken symbolic link, skipped");
        } else if (ec) {
            warn_below(p, "cannot read: " + ec.message());
        } else if (!fs::is_regular_file(status)) {
            // Reading a FIFO would wait for ever, a device for ever or nothing.
            warn_below(p, "not a regular file, skipped");
        } else {
            files_.push_back(p);
        }
    }

    /** A problem with something below the root leaves the ids from its path unread. */
    void warn_below(const fs::path& p, const std::string& problem) const {
        on_warning_(InputError(shown_path(p), 0, problem));
        report_unread(options_, Unread::Scope::Path, p.lexically_relative(root_).generic_string(),
                      0);
    }

    const fs::path& root_;
    const std::string& shown_;
    const ReadOptions& options_;
    const WarningSink& on_warning_;
    std::set<DirKey> visited_;
    std::vector<fs::path> files_;
};

}  // namespace

/** Why a file or directory named @p name cannot give ids (every output format is a line of
 *  UTF-8, and Python decodes each id), or empty if it can. @p what: "file" or "directory". */
std::string bad_name(std::string_view name, std::string_view what) {
    std::string problem(what);
    if (first_invalid_utf8(name)) return problem + " name is not valid UTF-8, skipped: rename it";
    if (const std::string control = control_character(name); !control.empty()) {
        return problem + " name contains a control character (" + control + "), skipped: rename it";
    }
    return {};
}

void read_directory(const fs::path& root, const std::string& shown, const ReadOptions& options,
                    const DocumentSink& on_document, const WarningSink& on_warning) {
    Walk walk(root, shown, options, on_warning);
    for (const fs::path& file : walk.files()) {
        const std::string id = file.lexically_relative(root).generic_string();
        if (options.skip_file && options.skip_file(file.string(), id)) continue;
        // Any warning about a file leaves its documents unread: a pruning writer keeps them.
        bool warned = false;
        const WarningSink file_warning = [&](const InputError& e) {
            warned = true;
            on_warning(e);
        };
        try {
            if (kind_of(file) == FileKind::Html) {
                read_html_file(file, id, walk.shown_path(file), options, on_document, file_warning);
            } else {
                read_text_file(file, id, walk.shown_path(file), options, on_document, file_warning);
            }
        } catch (const InputError& e) {
            file_warning(e);
        }
        if (warned) report_unread(options, Unread::Scope::Path, id, 0);
    }
}

}  // namespace fahras::detail
