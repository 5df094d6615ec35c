/// Month, weekday and zone names as publishers write them.
enum DateNames {
    /// Lower-case month names and abbreviations (trailing "." removed): English, German, French,
    /// Spanish, Italian, Portuguese, Dutch.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["jan", "january", "januar", "jänner", "jän", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari"],
            ["feb", "february", "februar", "février", "fevrier", "févr", "fevr", "fév", "febrero", "febbraio", "fevereiro", "fev", "februari"],
            ["mar", "march", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "mrt", "mrz"],
            ["apr", "april", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
            ["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["aug", "august", "août", "aout", "agosto", "ago", "augustus"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro"],
            ["oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
            ["nov", "november", "novembre", "noviembre", "novembro"],
            ["dec", "december", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro"],
        ]
        for (i, list) in names.enumerated() {
            for name in list { table[name] = i + 1 }
        }
        return table
    }()

    /// Lower-case weekday names and abbreviations in the same languages; they carry no information.
    static let weekdays: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonnabend", "sonntag",
        "lun", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "mié", "mie", "jue", "vie", "sáb", "sab", "dom", "lunes", "martes", "miércoles", "miercoles", "jueves",
        "viernes", "sábado", "sabado", "domingo",
        "gio", "lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi", "venerdì",
        "venerdi", "sabato", "domenica",
        "seg", "ter", "qua", "qui", "sex", "segunda", "terça", "terca", "quarta", "quinta", "sexta",
        "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "feira",
        "ma", "wo", "vr", "za", "zo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ]

    /// Words that sit between the parts of a date ("5 de marzo de 2020", "um 10:00 Uhr").
    static let fillers: Set<String> = ["de", "del", "um", "uhr", "at", "à", "a", "om", "le", "el", "der", "den", "h", "the", "of"]

    /// Zone names to their offset in seconds east of UTC.
    static let zones: [String: Int] = {
        var table: [String: Int] = [
            "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
            "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
            "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
            "akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600, "ast": -4 * 3600, "adt": -3 * 3600,
            "nst": -12600, "ndt": -9000,
            "bst": 3600, "ist": 19800, "cet": 3600, "cest": 7200, "met": 3600, "mest": 7200, "mez": 3600,
            "mesz": 7200, "eet": 7200, "eest": 10800, "west": 3600, "msk": 10800, "jst": 9 * 3600,
            "kst": 9 * 3600, "hkt": 8 * 3600, "sgt": 8 * 3600, "awst": 8 * 3600, "acst": 34200, "acdt": 37800,
            "aest": 10 * 3600, "aedt": 11 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600, "pht": 8 * 3600,
            "wib": 7 * 3600, "ict": 7 * 3600, "pkt": 5 * 3600,
        ]
        // Military letters, as the military uses them: A..I, K..M east, N..Y west (J is not a zone).
        let east = Array("abcdefghiklm")
        for (i, letter) in east.enumerated() { table[String(letter)] = (i + 1) * 3600 }
        let west = Array("nopqrstuvwxy")
        for (i, letter) in west.enumerated() { table[String(letter)] = -(i + 1) * 3600 }
        return table
    }()
}
