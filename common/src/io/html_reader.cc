/** @file
 *  @brief Internal: the reader of .html files: the visible text and the <title>, parsed by
 *  libxml2's HTML parser.
 */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "analysis/utf8.h"
#include "io/encoding.h"
#include "io/readers.h"

namespace fahras::detail {

namespace fs = std::filesystem;

namespace {

struct DocCloser {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using HtmlDoc = std::unique_ptr<xmlDoc, DocCloser>;

void ignore_libxml_error(void* /*context*/, const char* /*message*/, ...) {}

HtmlDoc parse_html(std::string_view bytes, const char* encoding) {
    // The library never prints: libxml2's error handlers are per thread.
    xmlSetGenericErrorFunc(nullptr, ignore_libxml_error);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    const auto length = static_cast<int>(std::min<std::size_t>(bytes.size(), INT32_MAX));
    return HtmlDoc(htmlReadMemory(bytes.data(), length, nullptr, encoding,
                                  kOptions | (encoding ? HTML_PARSE_IGNORE_ENC : 0)));
}

bool is_name(const xmlNode* node, const char* name) {
    return node->name != nullptr && xmlStrcasecmp(node->name, BAD_CAST name) == 0;
}

/** Elements whose content a reader never sees. */
bool is_invisible(const xmlNode* node) {
    for (const char* name : {"script", "style", "head", "template", "noscript", "svg", "math"}) {
        if (is_name(node, name)) return true;
    }
    return false;
}

/** Elements that start a new line of text (the others run on: <b>ال</b>كتاب is one word). */
bool is_block(const xmlNode* node) {
    for (const char* name :
         {"address", "article", "aside",   "blockquote", "br",         "caption", "dd",
          "details", "div",     "dl",      "dt",         "figcaption", "figure",  "footer",
          "form",    "h1",      "h2",      "h3",         "h4",         "h5",      "h6",
          "header",  "hr",      "li",      "main",       "nav",        "ol",      "p",
          "pre",     "section", "summary", "table",      "td",         "th",      "tr",
          "ul",      "body",    "html",    "title",      "option",     "label"}) {
        if (is_name(node, name)) return true;
    }
    return false;
}

void append_newline(std::string& out) {
    if (!out.empty() && out.back() != '\n') out += '\n';
}

/** The visible text under @p first and its siblings (iterative: documents can nest deep). */
void collect_text(xmlNode* first, std::string& out) {
    std::vector<xmlNode*> stack;  // nodes whose next sibling is still to visit
    xmlNode* node = first;
    while (node != nullptr || !stack.empty()) {
        if (node == nullptr) {
            node = stack.back();
            stack.pop_back();
            if (is_block(node)) append_newline(out);
            node = node->next;
            continue;
        }
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content != nullptr) out += reinterpret_cast<const char*>(node->content);
            node = node->next;
        } else if (node->type == XML_ELEMENT_NODE && !is_invisible(node)) {
            if (is_block(node)) append_newline(out);
            stack.push_back(node);
            node = node->children;
        } else {
            node = node->next;
        }
    }
}

/** The text of the first <title> element, or empty. */
std::string find_title(xmlNode* root) {
    std::vector<xmlNode*> stack{root};
    while (!stack.empty()) {
        xmlNode* node = stack.back();
        stack.pop_back();
        for (; node != nullptr; node = node->next) {
            if (node->type != XML_ELEMENT_NODE) continue;
            if (is_name(node, "title")) {
                std::string text;
                collect_text(node->children, text);
                return text;
            }
            if (is_name(node, "body")) continue;  // the title is in the head
            if (node->children != nullptr) stack.push_back(node->children);
        }
    }
    return {};
}

/** Runs of white space (a line break among them: a line break) become one. */
std::string squeeze_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    bool newline = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            space = true;
            newline = newline || c == '\n';
            continue;
        }
        if (space && !out.empty()) out += newline ? '\n' : ' ';
        space = newline = false;
        out += c;
    }
    return out;
}

}  // namespace

void read_html_file(const fs::path& path, const std::string& id, const std::string& shown,
                    const ReadOptions& options, const DocumentSink& on_document,
                    const WarningSink& on_warning) {
    const auto file = open_input(path, shown);
    std::istream& in = *file;
    const std::size_t limit = std::max<std::size_t>(options.max_document_bytes, 16);
    std::string bytes = read_some(in, limit, shown);
    if (in.good() && in.peek() != std::char_traits<char>::eof()) {
        on_warning(InputError(
            shown, 0,
            "longer than " + std::to_string(limit) + " bytes, only the beginning indexed"));
    }
    Decoding decoding = choose_decoding(bytes, options);
    if (!decoding.utf16 && bytes.find('\0') != std::string::npos) {
        throw InputError(shown, 0, "binary file (contains NUL bytes), skipped");
    }
    HtmlDoc html;
    std::string encoding;
    if (decoding.skip == 0 && decoding.encoding.empty()) {
        // No byte-order mark and no --encoding: the document's own <meta charset> decides.
        html = parse_html(bytes, nullptr);
        if (html && html->encoding != nullptr) {
            encoding = reinterpret_cast<const char*>(html->encoding);
        } else {
            html.reset();
        }
    }
    if (!html) {
        const std::string text = decode(std::string_view(bytes).substr(decoding.skip), decoding,
                                        FileKind::Html, decoding.skip, shown, on_warning);
        encoding = decoding.encoding;
        html = parse_html(text, "UTF-8");
    }
    if (!html) throw InputError(shown, 0, "not HTML, skipped");
    Document doc;
    doc.id = id;
    std::string lower = encoding;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "utf-8" && lower != "utf8") doc.encoding = encoding;
    xmlNode* root = xmlDocGetRootElement(html.get());
    std::string text;
    if (root != nullptr) collect_text(root, text);
    doc.text = trim(squeeze_space(text));
    doc.title = trim(squeeze_space(root != nullptr ? find_title(root) : ""));
    // A page without a <title> is titled like a .txt file.
    if (doc.title.empty()) doc.title = title_line(doc.text);
    if (doc.text.empty() && doc.title.empty()) throw InputError(shown, 0, "no text, skipped");
    // Text from a page with bad bytes can still be invalid after libxml2's own decoding.
    if (sanitize_utf8(doc.text) || sanitize_utf8(doc.title)) {
        on_warning(InputError(shown, 0, "invalid characters replaced with U+FFFD"));
    }
    on_document(std::move(doc));
}

}  // namespace fahras::detail
