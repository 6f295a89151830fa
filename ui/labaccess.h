#pragma once

#include "pushgateway/pushgatewayserver.h"

namespace ppl {

// The lab's Pushgateway, through Lab::gateway() where lab.h offers it (checked at compile
// time, so the UI builds against either shape of the Lab's header); null otherwise.
template <typename L> PushgatewayServer *labGateway(L *lab) {
    if constexpr (requires { lab->gateway(); })
        return lab ? lab->gateway() : nullptr;
    else
        return nullptr;
}

} // namespace ppl
