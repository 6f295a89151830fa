#pragma once

#include "scrapeconfig.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <vector>

namespace YAML {
class Node;
}

namespace ppl {

// Which keys each section of prometheus.yml may hold, as Debian's Prometheus 2.42 build
// decodes it (yaml.UnmarshalStrict into its Go structs), and which of them the lab acts on.
// A section is named by the Go type Prometheus reports in its errors ("config.plain",
// "config.ScrapeConfig", "relabel.plain", …).
struct ConfigSection {
    struct Field {
        const char *name;
        const ConfigSection *child = nullptr; // nullptr: a value whose keys are not checked
        bool list = false;                    // a list of `child` sections
        bool simulated = true;                // false: accepted, but the lab does not act on it
    };
    const char *goType;
    std::vector<Field> fields;
};

// Walks a parsed prometheus.yml against the sections above, as yaml.v2 does: every unknown
// key is an error ("field X not found in type Y", all of them, in file order), a key given
// twice is an error ("field X already set in type Y"), and every key Prometheus accepts but
// the lab does not simulate gives one notice naming it.
class ConfigSchemaChecker {
    Q_DECLARE_TR_FUNCTIONS(ppl::ConfigSchemaChecker)
public:
    void check(const YAML::Node &root);

    QList<ConfigDiagnostic> errors() const { return m_errors; }
    QList<ConfigDiagnostic> notices() const { return m_notices; }

    // The schema's root (the top level of prometheus.yml).
    static const ConfigSection &rootSection();

private:
    void checkSection(const YAML::Node &map, const ConfigSection &section, const QString &path,
                      bool simulated);
    void unknownField(const YAML::Node &key, const QString &name, const ConfigSection &section);

    QList<ConfigDiagnostic> m_errors;
    QList<ConfigDiagnostic> m_notices;
};

} // namespace ppl
