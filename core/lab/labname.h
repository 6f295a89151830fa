#pragma once

#include <QByteArrayView>
#include <QString>

namespace ppl {

// The one rule for the names of the lab's targets, jobs and pods, and for pod namespaces:
// letters, digits, '-', '_' and '.', starting with a letter or a digit, at most 253 characters
// (Kubernetes's limit for a pod name). Names share one namespace, become the subjects of events
// and fill {{target:NAME}} placeholders, so the scenario loader, the pods panel, /lab/pods and
// Lab::add* all ask this.
bool isValidLabName(QByteArrayView name);

// Translated: "\"NAME\" is not a valid name (letters, digits, '-', '_', '.')".
QString invalidLabNameText(const QString &name);

} // namespace ppl
