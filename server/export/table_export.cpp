// Table → .xlsx: bold frozen header with autofilter, date cells, widths from the column spec.
#include "server/export/table_export.hpp"

#include "server/export/xlsx_workbook.hpp"

#include <ctime>

namespace waconsole {

std::string status_label(const std::string& code) {
    std::string label = code;
    for (auto& c : label) {
        if (c == '_') {
            c = ' ';
        }
    }
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') {
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
    }
    return label;
}

std::optional<ApiError> export_table_xlsx(Connection& db, const TableSpec& spec,
                                          const TableRequest& request, std::int64_t now,
                                          const std::string& path) {
    XlsxWorkbook workbook(path, /*constant_memory=*/true);
    workbook.add_sheet(spec.title);
    const int last_column = static_cast<int>(spec.columns.size()) - 1;
    for (int c = 0; c <= last_column; ++c) {
        workbook.set_column_width(c, spec.columns[static_cast<std::size_t>(c)].width);
    }
    for (int c = 0; c <= last_column; ++c) {
        workbook.write_header(c, spec.columns[static_cast<std::size_t>(c)].title);
    }
    workbook.freeze_header_row();

    int row_index = 0;
    auto error = for_each_table_row(db, spec, request, now, [&](const nlohmann::json& row) {
        if (row_index + 1 >= kXlsxMaxRows) {
            return; // Excel cannot hold more; the API pages beyond this.
        }
        ++row_index;
        for (int c = 0; c <= last_column; ++c) {
            const auto& column = spec.columns[static_cast<std::size_t>(c)];
            const auto& value = row.at(column.key);
            if (value.is_null()) {
                continue;
            }
            switch (column.type) {
            case ColumnType::datetime:
                workbook.write_datetime(row_index, c, value.get<std::int64_t>());
                break;
            case ColumnType::integer:
                workbook.write_number(row_index, c, value.get<double>());
                break;
            case ColumnType::status:
                workbook.write_text(row_index, c, status_label(value.get<std::string>()));
                break;
            case ColumnType::text:
                workbook.write_text(row_index, c, value.get<std::string>());
                break;
            }
        }
    });
    if (error) {
        return error;
    }
    workbook.autofilter(row_index, last_column);
    workbook.close();
    return std::nullopt;
}

std::string export_file_name(const TableSpec& spec, std::int64_t now) {
    const std::time_t time = static_cast<std::time_t>(now);
    std::tm local{};
    localtime_r(&time, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &local);
    return spec.file_stem + "-" + stamp + ".xlsx";
}

} // namespace waconsole
