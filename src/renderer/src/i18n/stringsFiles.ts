/** Strings of the Files view about guessed times and file kinds, English and Simplified Chinese. */
export const filesEn = {
  guessYearBadge: 'year guessed',
  guessZoneBadge: 'zone assumed',
  guessYearIntro: 'Its times carry no year.',
  guessYearFolder: 'Year {years} from {n} files with full dates in the same folder (latest {latest}).',
  guessYearFolderOne: 'Year {years} from 1 file with full dates in the same folder (latest {latest}).',
  guessYearBundle: 'Year {years} from {n} files with full dates in this bundle (latest {latest}).',
  guessYearBundleOne: 'Year {years} from 1 file with full dates in this bundle (latest {latest}).',
  guessYearFileTime: "Year {years} from the file's modification time ({time}).",
  guessYearBundleTime:
    "Year {years} from the bundle's modification time ({time}): no file of the bundle has full dates and this file's own time is not plausible.",
  guessYearUnknown: 'Year {years}, guessed.',
  guessZoneTitle: "Its times carry no zone offset: they were read in the case's time zone.",
  summaryYearsGuessed: '{n} files with guessed years',
  summaryYearsGuessedOne: '1 file with a guessed year',
  summaryYearsGuessedTitle:
    'Their times carry no year (syslog, klog): it was taken from the full dates of other files, or from file times. The Files table says which, per file.',
  kindHar: 'HAR: {n} requests',
  kindHarOne: 'HAR: 1 request',
};

export const filesZh: Record<keyof typeof filesEn, string> = {
  guessYearBadge: '年份为推测',
  guessZoneBadge: '时区为假定',
  guessYearIntro: '其时间不带年份。',
  guessYearFolder: '年份 {years} 取自同一文件夹中 {n} 个带完整日期的文件（最晚 {latest}）。',
  guessYearFolderOne: '年份 {years} 取自同一文件夹中 1 个带完整日期的文件（最晚 {latest}）。',
  guessYearBundle: '年份 {years} 取自本日志包中 {n} 个带完整日期的文件（最晚 {latest}）。',
  guessYearBundleOne: '年份 {years} 取自本日志包中 1 个带完整日期的文件（最晚 {latest}）。',
  guessYearFileTime: '年份 {years} 取自文件的修改时间（{time}）。',
  guessYearBundleTime:
    '年份 {years} 取自日志包的修改时间（{time}）：包中没有带完整日期的文件，且此文件自身的时间不可信。',
  guessYearUnknown: '年份 {years} 为推测。',
  guessZoneTitle: '其时间不带时区偏移：按本案例的时区读取。',
  summaryYearsGuessed: '{n} 个文件的年份为推测',
  summaryYearsGuessedOne: '1 个文件的年份为推测',
  summaryYearsGuessedTitle:
    '这些文件的时间不带年份（syslog、klog）：年份取自其他文件的完整日期或文件时间。文件表格逐个文件说明来源。',
  kindHar: 'HAR：{n} 个请求',
  kindHarOne: 'HAR：1 个请求',
};
