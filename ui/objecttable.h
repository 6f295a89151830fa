#pragma once

#include <Qt>

class QAbstractItemModel;
class QTableView;

namespace ppl {

// A model may answer this role with a Qt::TextElideMode for a cell whose end matters more
// than its start (a URL: "…:41451/metrics" says more than "http://127.0.0.1:4…"). Cells
// without it are elided in the middle, which keeps both a grouping key's job and its last
// label readable.
inline constexpr int ElideModeRole = Qt::UserRole + 200;

// The table every object panel (targets, jobs, pods, gateway groups, alerts) shows its model
// in: whole rows, one at a time, no row numbers, the actions added to the view as its context
// menu. Made for a projector: one line per row, columns sized to their content (re-measured
// when rows come or go, not on every value change) up to a share of the table's width, the
// last one stretched, and whatever still does not fit elided with the full text as tooltip.
void setUpObjectTable(QTableView *view, QAbstractItemModel *model);

// Sizes the columns to their content now (what setUpObjectTable does after row changes).
void fitObjectTableColumns(QTableView *view);

} // namespace ppl
