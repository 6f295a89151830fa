#include "listenaddress.h"

#include "pushgateway/pushgatewayoptions.h"

namespace ppl {

std::optional<ListenAddress> parseListenAddress(const QString &text) {
    PushgatewayOptions parsed;
    if (!parsed.setListen(text))
        return std::nullopt;
    return ListenAddress{parsed.address, parsed.port};
}

} // namespace ppl
