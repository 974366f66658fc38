// Real .xlsx files written by libxlsxwriter (the library behind our own exports), in both its
// modes: shared strings, and constant memory, which writes inline strings instead.
#include "workbook_builder.hpp"

#include <catch2/catch.hpp>
#include <xlsxwriter.h>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

std::string write_recipients_workbook(bool constant_memory) {
    const std::string path = temp_path(constant_memory ? "constant.xlsx" : "shared.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    REQUIRE(workbook != nullptr);
    lxw_worksheet* first = workbook_add_worksheet(workbook, "Clientes");
    lxw_worksheet* second = workbook_add_worksheet(workbook, "Notes");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format* date_time = workbook_add_format(workbook);
    format_set_num_format(date_time, "yyyy-mm-dd hh:mm");
    lxw_format* money = workbook_add_format(workbook);
    format_set_num_format(money, "#,##0.00 \"€\"");

    const char* header[] = {"Phone", "Name", "Order ID", "Amount", "Date", "Visit", "Total", "VIP"};
    for (lxw_col_t col = 0; col < 8; ++col) {
        worksheet_write_string(first, 0, col, header[col], nullptr);
    }
    worksheet_write_number(first, 1, 0, 34600000001.0, nullptr);
    worksheet_write_string(first, 1, 1, "Иван Петров", nullptr);
    worksheet_write_string(first, 1, 2, "A-0001", nullptr);
    worksheet_write_number(first, 1, 3, 1234.5, money);
    lxw_datetime day{2026, 3, 5, 0, 0, 0};
    worksheet_write_datetime(first, 1, 4, &day, date);
    lxw_datetime visit{2026, 3, 5, 14, 30, 0};
    worksheet_write_datetime(first, 1, 5, &visit, date_time);
    worksheet_write_formula_num(first, 1, 6, "=D2*2", nullptr, 2469);
    worksheet_write_boolean(first, 1, 7, 1, nullptr);

    worksheet_write_number(first, 2, 0, 442079460001234.0, nullptr); // 15 digits
    worksheet_write_string(first, 2, 1, "José Ñúñez", nullptr);
    worksheet_write_string(first, 2, 2, "00042", nullptr);
    // row 4 left empty; row 5 holds a phone typed as text and a number
    worksheet_write_string(first, 4, 0, "+55 11 98765-4321", nullptr);
    worksheet_write_number(first, 4, 2, 42, nullptr);

    worksheet_write_string(second, 0, 0, "not the recipients", nullptr);
    REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
    return path;
}

} // namespace

TEST_CASE("a libxlsxwriter workbook is read with numbers, dates, formulas and text exact") {
    for (const bool constant_memory : {false, true}) {
        INFO((constant_memory ? "constant memory (inline strings)" : "shared strings"));
        const std::string path = write_recipients_workbook(constant_memory);
        const auto read = read_rows(UploadedFile::on_disk(path, "clientes.xlsx"));
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == 4);
        CHECK(read.rows[0].cells == std::vector<std::string>{"Phone", "Name", "Order ID", "Amount",
                                                             "Date", "Visit", "Total", "VIP"});
        CHECK(read.rows[1].number == 2);
        CHECK(read.rows[1].cells ==
              std::vector<std::string>{"34600000001", "Иван Петров", "A-0001", "1234.5",
                                       "2026-03-05", "2026-03-05 14:30:00", "2469", "TRUE"});
        CHECK(read.rows[2].cells ==
              std::vector<std::string>{"442079460001234", "José Ñúñez", "00042"});
        CHECK(read.rows[3].number == 5);
        CHECK(read.rows[3].cells == std::vector<std::string>{"+55 11 98765-4321", "", "42"});
    }
}

TEST_CASE("a libxlsxwriter workbook reads as a recipient file with its phone column") {
    const std::string path = write_recipients_workbook(false);
    std::vector<std::string> phones;
    const ImportResult error = read_recipient_file(UploadedFile::on_disk(path, "clientes.xlsx"), {},
                                                   {{"phone", true}, {"order id", false}},
                                                   [&](const RecipientFileRow& row) {
                                                       phones.emplace_back(row.values[0]);
                                                       return true;
                                                   });
    REQUIRE_FALSE(error);
    CHECK(phones ==
          std::vector<std::string>{"34600000001", "442079460001234", "+55 11 98765-4321"});
}
