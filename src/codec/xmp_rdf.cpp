// xmp_rdf.cpp: see xmp_rdf.h. XML 1.0 §2.5 (comments), §2.6 (PIs), §2.7 (CDATA), §3.1 (tags,
// attributes); Namespaces in XML 1.0 §3–§6; XMP Specification Part 1 §7.3–7.9 (RDF in XMP).
#include "codec/xmp_rdf.h"

#include <unordered_map>

namespace pixelpipe::codec {

const char kRdfNamespace[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const char kXmpNoteNamespace[] = "http://ns.adobe.com/xmp/note/";

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool ends_name(char c) { return is_space(c) || c == '/' || c == '>' || c == '='; }

struct Attr {
    std::string_view name, value;
    XmlRange range;  // from the whitespace before the name to the closing quote
};

struct Tag {
    std::string_view name;
    std::vector<Attr> attrs;
    size_t name_end = 0, end = 0;  // end: just past '>'
    bool self_closing = false;
};

// A start tag at `at` ('<' not followed by '/', '!' or '?').
std::optional<Tag> read_tag(std::string_view s, size_t at) {
    Tag t;
    size_t p = at + 1;
    while (p < s.size() && !ends_name(s[p])) ++p;
    if (p == at + 1) return std::nullopt;
    t.name = s.substr(at + 1, p - at - 1);
    t.name_end = p;
    for (;;) {
        const size_t before = p;
        while (p < s.size() && is_space(s[p])) ++p;
        if (p >= s.size()) return std::nullopt;
        if (s[p] == '>') return t.end = p + 1, t;
        if (s[p] == '/') {
            if (p + 1 >= s.size() || s[p + 1] != '>') return std::nullopt;
            return t.end = p + 2, t.self_closing = true, t;
        }
        if (p == before) return std::nullopt;  // attributes are separated by whitespace
        const size_t name_at = p;
        while (p < s.size() && !ends_name(s[p])) ++p;
        if (p == name_at) return std::nullopt;
        const std::string_view name = s.substr(name_at, p - name_at);
        while (p < s.size() && is_space(s[p])) ++p;
        if (p >= s.size() || s[p] != '=') return std::nullopt;
        ++p;
        while (p < s.size() && is_space(s[p])) ++p;
        if (p >= s.size() || (s[p] != '"' && s[p] != '\'')) return std::nullopt;
        const size_t close = s.find(s[p], p + 1);
        if (close == std::string_view::npos) return std::nullopt;
        t.attrs.push_back({name, s.substr(p + 1, close - p - 1), {before, close + 1}});
        p = close + 1;
    }
}

std::string_view prefix_of(std::string_view qname) {
    const size_t colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
}
std::string_view local_of(std::string_view qname) {
    const size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// prefix → the stack of URIs bound to it; each open element remembers what it pushed.
class Namespaces {
public:
    void open(const Tag &t) {
        auto &mine = pushed_.emplace_back();
        for (const Attr &a : t.attrs) {
            std::string_view prefix;
            if (a.name == "xmlns") prefix = "";
            else if (a.name.substr(0, 6) == "xmlns:") prefix = a.name.substr(6);
            else continue;
            map_[std::string(prefix)].emplace_back(a.value);
            mine.emplace_back(prefix);
        }
    }
    void close() {
        for (const std::string &p : pushed_.back()) {
            auto it = map_.find(p);
            it->second.pop_back();
            if (it->second.empty()) map_.erase(it);
        }
        pushed_.pop_back();
    }
    // Elements take the default namespace when unprefixed; attributes take none.
    std::string_view uri(std::string_view qname, bool attribute) const {
        const std::string_view prefix = prefix_of(qname);
        if (prefix.empty() && attribute) return {};
        auto it = map_.find(std::string(prefix));
        return it == map_.end() ? std::string_view() : std::string_view(it->second.back());
    }
    bool is(std::string_view qname, bool attribute, const char *ns, std::string_view local) const {
        return local_of(qname) == local && uri(qname, attribute) == ns;
    }
    XmlScope snapshot() const {
        XmlScope s;
        for (const auto &[prefix, uris] : map_) s.emplace_back(prefix, uris.back());
        return s;
    }

private:
    std::unordered_map<std::string, std::vector<std::string>> map_;
    std::vector<std::vector<std::string>> pushed_;
};

}  // namespace

std::optional<RdfLayout> scan_rdf(std::string_view s) {
    RdfLayout out;
    Namespaces ns;
    std::vector<std::string_view> open;  // element names, innermost last
    size_t rdf_depth = 0;                // depth of rdf:RDF's content (0: not inside it yet)
    bool rdf_done = false;
    // The top-level node being read, and what it holds besides rdf:about and declarations.
    bool node_has_other = false;
    size_t node_has_extended = 0;        // 1: attribute, 2: element
    XmlRange extended_range;
    size_t extended_text_at = 0;
    std::string extended_value;
    for (size_t p = 0; p < s.size();) {
        const size_t lt = s.find('<', p);
        if (lt == std::string_view::npos) break;
        const std::string_view rest = s.substr(lt);
        // Comments, CDATA sections and processing instructions are skipped whole; unterminated: not XMP.
        const auto skip = [&](std::string_view open_tag, std::string_view close_tag) {
            const size_t e = s.find(close_tag, lt + open_tag.size());
            return e == std::string_view::npos ? e : e + close_tag.size();
        };
        if (rest.substr(0, 4) == "<!--") {
            if ((p = skip("<!--", "-->")) == std::string_view::npos) return std::nullopt;
            continue;
        }
        if (rest.substr(0, 9) == "<![CDATA[") {
            if ((p = skip("<![CDATA[", "]]>")) == std::string_view::npos) return std::nullopt;
            if (rdf_depth && open.size() == rdf_depth + 1) node_has_other = true;  // text in a top-level node
            continue;
        }
        if (rest.substr(0, 2) == "<!") return std::nullopt;  // DOCTYPE and other declarations
        if (rest.substr(0, 2) == "<?") {
            if ((p = skip("<?", "?>")) == std::string_view::npos) return std::nullopt;
            continue;
        }
        if (rest.substr(0, 2) == "</") {
            const size_t gt = s.find('>', lt);
            if (gt == std::string_view::npos || open.empty()) return std::nullopt;
            size_t name_end = lt + 2;
            while (name_end < gt && !is_space(s[name_end])) ++name_end;
            if (s.substr(lt + 2, name_end - lt - 2) != open.back()) return std::nullopt;
            const size_t depth = open.size();  // of the element being closed
            if (rdf_depth && depth == rdf_depth + 2 && node_has_extended == 2 && extended_range.end == 0) {
                extended_range.end = gt + 1;
                extended_value = std::string(s.substr(extended_text_at, lt - extended_text_at));
            }
            if (rdf_depth && depth == rdf_depth + 1) {  // a top-level node ends
                for (size_t i = p; i < lt; ++i) node_has_other |= !is_space(s[i]);  // text before its end tag
                out.nodes.back().range.end = gt + 1;
                if (node_has_extended && out.has_extended.empty()) {
                    size_t a = 0, b = extended_value.size();
                    while (a < b && is_space(extended_value[a])) ++a;
                    while (b > a && is_space(extended_value[b - 1])) --b;
                    out.has_extended = extended_value.substr(a, b - a);
                    out.has_extended_range = node_has_other ? extended_range : out.nodes.back().range;
                }
            }
            if (rdf_depth && depth == rdf_depth) out.rdf_close = lt, rdf_depth = 0, rdf_done = true;
            open.pop_back();
            ns.close();
            p = gt + 1;
            continue;
        }
        // Text between the previous markup and this tag, directly inside a top-level node.
        if (rdf_depth && open.size() == rdf_depth + 1) {
            for (size_t i = p; i < lt; ++i) node_has_other |= !is_space(s[i]);
        }
        auto tag = read_tag(s, lt);
        if (!tag) return std::nullopt;
        ns.open(*tag);
        const size_t depth = open.size() + 1;  // of this element
        if (rdf_depth && depth == rdf_depth + 1) {  // a top-level node (XMP: an rdf:Description)
            RdfNode node{{lt, tag->end}, tag->name_end, {}};
            node_has_other = false, node_has_extended = 0, extended_range = {}, extended_value.clear();
            for (const Attr &a : tag->attrs) {
                if (a.name == "xmlns") node.declared.emplace_back();
                else if (a.name.substr(0, 6) == "xmlns:") node.declared.emplace_back(a.name.substr(6));
                else if (ns.is(a.name, true, kRdfNamespace, "about")) {
                    if (out.nodes.empty()) out.about = std::string(a.value);
                } else if (ns.is(a.name, true, kXmpNoteNamespace, "HasExtendedXMP") && !node_has_extended) {
                    node_has_extended = 1, extended_range = a.range, extended_value = std::string(a.value);
                } else {
                    node_has_other = true;
                }
            }
            out.nodes.push_back(std::move(node));
        } else if (rdf_depth && depth == rdf_depth + 2) {  // a property of a top-level node
            if (ns.is(tag->name, false, kXmpNoteNamespace, "HasExtendedXMP") && !node_has_extended && !tag->self_closing) {
                node_has_extended = 2, extended_range = {lt, 0}, extended_text_at = tag->end;
            } else {
                node_has_other = true;
            }
        } else if (!rdf_depth && !rdf_done && ns.is(tag->name, false, kRdfNamespace, "RDF")) {
            if (tag->self_closing) return std::nullopt;  // an empty rdf:RDF: no properties at all
            rdf_depth = depth;
            out.scope = ns.snapshot();
            for (const auto &[prefix, uri] : out.scope)  // prefer the usual "rdf" when several are bound
                if (uri == kRdfNamespace && (out.rdf_prefix.empty() || prefix == "rdf")) out.rdf_prefix = prefix;
        }
        if (tag->self_closing) {
            if (rdf_depth && depth == rdf_depth + 1) {
                // A node with no content: its start tag is the whole element.
                if (node_has_extended && out.has_extended.empty()) {
                    out.has_extended = extended_value;
                    out.has_extended_range = node_has_other ? extended_range : out.nodes.back().range;
                }
            }
            ns.close();
        } else {
            open.push_back(tag->name);
        }
        p = tag->end;
    }
    if (!open.empty() || !rdf_done) return std::nullopt;
    return out;
}

std::string rehome_node(std::string_view packet, const RdfNode &node, const XmlScope &from, const XmlScope &to) {
    auto find = [](const XmlScope &scope, const std::string &prefix) -> const std::string * {
        for (const auto &[p, uri] : scope)
            if (p == prefix) return &uri;
        return nullptr;
    };
    auto declares = [&](const std::string &prefix) {
        for (const std::string &d : node.declared)
            if (d == prefix) return true;
        return false;
    };
    std::string extra;
    auto declare = [&](const std::string &prefix, const std::string &uri) {
        const char q = uri.find('"') == std::string::npos ? '"' : '\'';
        extra += prefix.empty() ? " xmlns=" : " xmlns:" + prefix + "=";
        extra += q, extra += uri, extra += q;
    };
    for (const auto &[prefix, uri] : from) {
        const std::string *there = find(to, prefix);
        if (!declares(prefix) && (!there || *there != uri)) declare(prefix, uri);
    }
    // A default namespace at the destination that the source did not have: undeclare it, so the
    // node's unprefixed names (not valid XMP, but possible) keep meaning what they meant.
    if (!find(from, "") && find(to, "") && !declares("")) declare("", "");
    std::string text(packet.substr(node.range.begin, node.name_end - node.range.begin));
    text += extra;
    text += packet.substr(node.name_end, node.range.end - node.name_end);
    return text;
}

}  // namespace pixelpipe::codec
