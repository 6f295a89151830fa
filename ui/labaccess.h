#pragma once

#include "pushgateway/pushgatewayserver.h"
#include "scrape/scrapemanager.h"

namespace ppl {

// The lab's Pushgateway, through Lab::gateway() where lab.h offers it (checked at compile
// time, so the UI builds against either shape of the Lab's header); null otherwise.
template <typename L> PushgatewayServer *labGateway(L *lab) {
    if constexpr (requires { lab->gateway(); })
        return lab ? lab->gateway() : nullptr;
    else
        return nullptr;
}

// The lab's scraper, through Lab::scrapeManager() where offered; null otherwise.
template <typename L> ScrapeManager *labScrapeManager(L *lab) {
    if constexpr (requires { lab->scrapeManager(); })
        return lab ? lab->scrapeManager() : nullptr;
    else
        return nullptr;
}

} // namespace ppl
