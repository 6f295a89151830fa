#include "yamlduplicatekeys.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ppl {

namespace {

// In a mapping, keys and values take turns: each finished node flips the expectation.
class DuplicateKeyCheck : public YAML::EventHandler {
public:
    std::optional<DuplicateYamlKey> found;

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override { nodeDone(nullptr, {}); }
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override { nodeDone(nullptr, {}); }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                  const std::string &value) override {
        nodeDone(&value, mark);
    }
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        m_frames.push_back(Frame{false, false, {}});
    }
    void OnSequenceEnd() override { end(); }
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        m_frames.push_back(Frame{true, true, {}});
    }
    void OnMapEnd() override { end(); }

private:
    struct Frame {
        bool map;
        bool expectKey;
        std::map<std::string, int> keys; // key → its line (1-based)
    };
    void end() {
        if (!m_frames.empty())
            m_frames.pop_back();
        nodeDone(nullptr, {});
    }
    void nodeDone(const std::string *scalar, const YAML::Mark &mark) {
        if (m_frames.empty() || !m_frames.back().map)
            return;
        Frame &f = m_frames.back();
        if (f.expectKey && scalar && !found) {
            const auto [it, fresh] = f.keys.emplace(*scalar, mark.line + 1);
            if (!fresh)
                found =
                    DuplicateYamlKey{QString::fromStdString(*scalar), mark.line + 1, it->second};
        }
        f.expectKey = !f.expectKey;
    }
    std::vector<Frame> m_frames;
};

} // namespace

std::optional<DuplicateYamlKey> findDuplicateYamlKey(const QByteArray &yaml) {
    std::istringstream in(yaml.toStdString());
    YAML::Parser parser(in);
    DuplicateKeyCheck check;
    // Only the first document: it is all YAML::Load reads, and on some malformed input
    // yaml-cpp 0.7 reports an endless run of empty documents (fuzz_scenario's timeout).
    parser.HandleNextDocument(check);
    return check.found;
}

} // namespace ppl
