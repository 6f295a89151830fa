#include "labname.h"

#include <QCoreApplication>

namespace ppl {

namespace {
class LabNameText {
    Q_DECLARE_TR_FUNCTIONS(ppl::Scenario) // the wording the scenario loader had
};

bool isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
} // namespace

bool isValidLabName(QByteArrayView name) {
    if (name.isEmpty() || name.size() > 253 || !isLetterOrDigit(name.front()))
        return false;
    for (char c : name)
        if (!isLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

QString invalidLabNameText(const QString &name) {
    return LabNameText::tr("\"%1\" is not a valid name (letters, digits, '-', '_', '.')").arg(name);
}

} // namespace ppl
