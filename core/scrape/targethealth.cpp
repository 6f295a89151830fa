#include "targethealth.h"

namespace ppl {

QByteArray targetHealthName(TargetHealth health) {
    switch (health) {
    case TargetHealth::Up:
        return "up";
    case TargetHealth::Down:
        return "down";
    case TargetHealth::Unknown:
        break;
    }
    return "unknown";
}

} // namespace ppl
