#include "objecttable.h"

#include <QHeaderView>
#include <QTableView>

namespace ppl {

void setUpObjectTable(QTableView *view, QAbstractItemModel *model) {
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

} // namespace ppl
