#include <lamina/core/Hashing.h>
#include <lamina/slide/writer/Deidentification.h>
#include <lamina/slide/writer/DicomUid.h>

#include <fmt/format.h>

#include <chrono>
#include <random>

namespace lamina {

std::string randomPseudonym() {
    static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no O/0, I/1
    std::random_device device;
    std::string text = "ANON-";
    for (int i = 0; i < 10; ++i)
        text.push_back(kAlphabet[device() % (sizeof kAlphabet - 1)]);
    return text;
}

int dateShiftDays(std::string_view pseudonym) {
    return 1 + int(fnv1a64(pseudonym, fnv1a64("lamina.deidentification.dates")) % 3650);
}

std::string shiftDicomDate(std::string_view date, int days) {
    if (date.size() != 8 || date.find_first_not_of("0123456789") != std::string_view::npos)
        return {};
    using namespace std::chrono;
    const auto digits = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i)
            v = v * 10 + (date[i] - '0');
        return v;
    };
    const year_month_day ymd{year(digits(0, 4)), month(unsigned(digits(4, 2))),
                             day(unsigned(digits(6, 2)))};
    if (!ymd.ok())
        return {};
    const year_month_day shifted{sys_days(ymd) - std::chrono::days(days)};
    if (!shifted.ok() || int(shifted.year()) < 1)
        return {};
    return fmt::format("{:04}{:02}{:02}", int(shifted.year()), unsigned(shifted.month()),
                       unsigned(shifted.day()));
}

std::string deidentifiedUid(std::string_view original, std::string_view pseudonym) {
    return derivedDicomUid(std::string("deidentified|") + std::string(pseudonym) + "|" +
                           std::string(original));
}

} // namespace lamina
