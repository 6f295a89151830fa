#pragma once

class QAbstractItemModel;
class QTableView;

namespace ppl {

// The table every object panel (targets, jobs, pods, gateway groups) shows its model in:
// whole rows, one at a time, the last column stretched, no row numbers, and the actions
// added to the view as its context menu.
void setUpObjectTable(QTableView *view, QAbstractItemModel *model);

} // namespace ppl
