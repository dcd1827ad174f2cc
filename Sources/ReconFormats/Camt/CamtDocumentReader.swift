// Internal: nothing of libxml2 is part of ReconFormats' interface. (Building it next to Foundation
// on Linux needs Sources/CLibXML2/shim.h to hide libxml2's ICU headers: see that file.)
internal import CLibXML2
import ReconCore

/// The camt reader's state machine: it receives the element events of the XML stream (start, text,
/// end), keeps the values of the current statement, balance, entry and transaction details in
/// reusable buffers, and appends each booked movement to the table as soon as its entry ends.
///
/// Memory holds the element stack, one entry (with its details) and one summary per statement; it
/// does not grow with the number of entries. It is a struct that ``CamtXMLPushParser`` keeps at a
/// fixed address for libxml2's callbacks, so that the hot path pays no reference counting or dynamic
/// exclusivity checks.
struct CamtDocumentReader {
    let path: String
    let fileIndex: Int
    let options: CamtOptions
    let decoder: CamtValueDecoder

    // What is read; the caller moves its table, catalog and reject log in and out.
    var table = BankTable()
    var catalog = Catalog()
    var rejects = RejectLog(limit: 0)
    var statements: [StatementSummary] = []
    var rows = 0
    var rejected = 0
    /// Entries skipped because they are not booked (PDNG, INFO, FUTR).
    var notBooked = 0
    /// Message roots (`BkToCstmrStmt`, `BkToCstmrAcctRpt`, `BkToCstmrDbtCdtNtfctn`) seen.
    var messages = 0

    // Where the parser is; set by ``CamtXMLPushParser``.
    var context: xmlParserCtxtPtr?
    /// The first fatal error libxml2 reported for the current document.
    var xmlFailure: (line: Int, message: String, element: String?)?
    /// Lines of the documents before the current one (a file may hold several concatenated).
    var lineBase = 0
    /// The first error that stops the read.
    var failure: Error?
    /// The current document's root element has ended; the parser was stopped right after it.
    var documentEnded = false
    /// Bytes of the current document up to the end of its root element, and the line there.
    var documentEndOffset = 0
    var documentEndLine = 0

    // The open elements, and the depths of the blocks being read (-1: none).
    private var stack: [CamtElement] = []
    /// Local names of the open elements (strings of the parser's dictionary), for error messages.
    private var names: [UnsafePointer<UInt8>] = []
    private var elements = CamtElementCache()
    private var messageDepth = -1
    private var statementDepth = -1
    private var balanceDepth = -1
    private var entryDepth = -1
    private var detailDepth = -1

    // The element whose text is being collected.
    private var capture: CamtField?
    private var captureDepth = -1
    private var captureLine = 0
    private var text: [UInt8] = []
    private var captureCurrency: [UInt8] = []

    private var messageCreated: Day?
    private var statement = CamtStatement()
    private var statementCount = 0
    private var balance = CamtBalance()
    private var entry = CamtEntry()
    private var row = BankRowBuilder()

    init(path: String, fileIndex: Int, options: CamtOptions) {
        self.path = path
        self.fileIndex = fileIndex
        self.options = options
        decoder = CamtValueDecoder(path: path)
        stack.reserveCapacity(32)
        names.reserveCapacity(32)
        text.reserveCapacity(256)
    }

    /// The current line of the file.
    var line: Int {
        guard let context else { return lineBase }
        return lineBase + Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context)))
    }

    /// The innermost open element's name, for errors in the XML itself.
    var openElementName: String? { names.last.map { String(cString: $0) } }

    /// Clears what belongs to one XML document, before the next concatenated one.
    mutating func beginDocument() {
        xmlFailure = nil
        elements.reset()
        documentEnded = false
        stack.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        messageDepth = -1; statementDepth = -1; balanceDepth = -1; entryDepth = -1; detailDepth = -1
        capture = nil
    }

    // MARK: - Events

    mutating func startElement(_ localName: UnsafePointer<UInt8>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                      attributeCount: Int) {
        guard failure == nil else { return }
        let element = elements.element(localName)
        let depth = stack.count
        let parent = depth > 0 ? stack[depth - 1] : .other
        stack.append(element)
        names.append(localName)
        capture = nil

        var field: CamtField?
        if element.isMessageRoot {
            messageDepth = depth
            messages += 1
            messageCreated = nil
            return
        } else if statementDepth < 0 {
            guard messageDepth >= 0 else { return }
            if depth == messageDepth + 1 && element.isStatement(under: parent) {
                beginStatement(depth)
                return
            }
            field = relative(messageDepth, .message)
        } else if detailDepth >= 0 {
            field = relative(detailDepth, .detail)
        } else if entryDepth >= 0 {
            if element == .txDtls && parent == .ntryDtls && depth == entryDepth + 2 {
                detailDepth = depth
                entry.beginDetail(line: line)
                return
            }
            field = relative(entryDepth, .entry)
        } else if balanceDepth >= 0 {
            field = relative(balanceDepth, .balance)
        } else if depth == statementDepth + 1 && element == .ntry {
            beginEntry(depth)
            return
        } else if depth == statementDepth + 1 && element == .bal {
            balanceDepth = depth
            balance.reset(line: line)
            return
        } else {
            field = relative(statementDepth, .statement)
        }
        guard let field else { return }
        capture = field
        captureDepth = depth
        captureLine = line
        text.removeAll(keepingCapacity: true)
        if field.hasCurrency { copyCurrency(attributes, attributeCount) }
    }

    mutating func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard capture != nil else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    mutating func endElement() {
        guard failure == nil, !stack.isEmpty else { return }
        let depth = stack.count - 1
        if let field = capture, captureDepth == depth {
            capture = nil
            take(field)
        }
        capture = nil
        if depth == detailDepth {
            detailDepth = -1
        } else if depth == entryDepth {
            finishEntry()
            entryDepth = -1
        } else if depth == balanceDepth {
            finishBalance()
            balanceDepth = -1
        } else if depth == statementDepth {
            finishStatement()
            statementDepth = -1
        } else if depth == messageDepth {
            messageDepth = -1
        }
        stack.removeLast()
        names.removeLast()
        if stack.isEmpty, let context {
            // The root element ended: stop here, so that a second document concatenated after this
            // one is read by a fresh parser instead of being refused as "extra content".
            documentEnded = true
            documentEndOffset = Int(xmlByteConsumed(context))
            documentEndLine = line
            xmlStopParser(context)
        }
    }

    /// Records an error libxml2 reports. Fatal errors stop the read; so does a reference to an entity
    /// the document does not declare (only a warning for libxml2 when there is an external DTD, which
    /// is never loaded), rather than silently dropping text.
    mutating func record(_ error: UnsafePointer<xmlError>) {
        guard xmlFailure == nil, error.pointee.level.rawValue >= XML_ERR_FATAL.rawValue
            || error.pointee.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        xmlFailure = (lineBase + Int(error.pointee.line), message, openElementName)
        if let context { xmlStopParser(context) }
    }

    /// Stops the read with `error`.
    mutating func fail(_ error: Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    // MARK: - Blocks

    private enum Block { case message, statement, balance, entry, detail }

    /// The field of the element just opened, from its path below the block starting at depth `start`.
    private func relative(_ start: Int, _ block: Block) -> CamtField? {
        let n = stack.count - 1 - start
        guard n >= 1 && n <= 4 else { return nil }
        let a = stack[start + 1]
        let b = n > 1 ? stack[start + 2] : .other
        let c = n > 2 ? stack[start + 3] : .other
        let d = n > 3 ? stack[start + 4] : .other
        switch block {
        case .message: return CamtField.message(n, a, b, c, d)
        case .statement: return CamtField.statement(n, a, b, c, d)
        case .balance: return CamtField.balance(n, a, b, c, d)
        case .entry: return CamtField.entry(n, a, b, c, d)
        case .detail: return CamtField.detail(n, a, b, c, d)
        }
    }

    private mutating func beginStatement(_ depth: Int) {
        statementDepth = depth
        statementCount += 1
        statement.reset(line: line, sequence: statementCount)
    }

    private mutating func finishStatement() {
        if statement.account.isEmpty {
            fail(missingAccount())
            return
        }
        let (assumption, failure) = statement.resolveSigns()
        if let failure {
            fail(InputError.badRecord(path: path, line: statement.line, field: CamtField.balanceIndicator.path, reason: failure))
            return
        }
        var summary = statement.summary()
        if let assumption { summary.assumptions.insert(assumption, at: 0) }
        statements.append(summary)
    }

    private func missingAccount() -> InputError {
        InputError.badRecord(path: path, line: statement.line, field: "Acct/Id",
                             reason: "statement '\(String(decoding: statement.displayId, as: UTF8.self))' has no account "
                                 + "(Acct/Id/IBAN or Acct/Id/Othr/Id)")
    }

    private mutating func finishBalance() {
        let role = balance.role
        guard role != .ignored else { return }
        let type = String(decoding: balance.type, as: UTF8.self)
        guard let amount = balance.amount else {
            fail(decoder.error(balance.line, .balanceAmount, "balance \(type) has no Amt"))
            return
        }
        guard let credit = balance.credit else {
            // The statement's own balances may decide its sign when the statement ends.
            statement.unsignedTypes.append(type)
            statement.apply(balance, signed: amount, unsigned: true)
            return
        }
        statement.apply(balance, signed: credit ? amount : -amount)
    }

    private mutating func beginEntry(_ depth: Int) {
        entryDepth = depth
        statement.entries += 1
        entry.reset(line: line, sequence: statement.entries)
        if statement.account.isEmpty { fail(missingAccount()) }
    }

    /// Books the entry that just ended: one row, or one row per transaction detail for a batch whose
    /// details carry amounts adding up to the entry's.
    private mutating func finishEntry() {
        if entry.rejected { return }
        if let status = entry.status, !status.isBooked {
            notBooked += 1
            return
        }
        if entry.status == nil { statement.entriesWithoutStatus += 1 }
        guard let magnitude = entry.amount else {
            rejectEntry(decoder.error(entry.line, .entryAmount, "entry has no Amt"))
            return
        }
        guard let credit = entry.credit else {
            rejectEntry(decoder.error(entry.line, .entryIndicator, "entry has no CdtDbtInd"))
            return
        }
        guard let booking = entry.bookingDate ?? entry.valueDate ?? statement.created ?? messageCreated else {
            rejectEntry(decoder.error(entry.line, .bookingDate,
                                      "entry has no booking date, and no ValDt or CreDtTm to fall back on"))
            return
        }
        let signed = credit ? magnitude : -magnitude
        row.reset()
        row.account.append(contentsOf: statement.account)
        row.currency.append(contentsOf: entry.currency)
        row.bookingDate = booking
        row.valueDate = entry.valueDate ?? booking
        if options.splitBatches && entry.detailAmountsAddUp(signedAmount: signed) {
            for i in 0..<entry.detailCount {
                let detailCredit = entry.details[i].credit ?? credit
                let amount = entry.details[i].amount ?? 0
                row.amount = detailCredit ? amount : -amount
                row.bankRef.removeAll(keepingCapacity: true)
                appendBaseReference()
                row.bankRef.append(UInt8(ascii: "/"))
                MinorUnits.append(i + 1, exponent: 0, to: &row.bankRef)
                row.endToEndId.removeAll(keepingCapacity: true)
                row.endToEndId.append(contentsOf: entry.details[i].endToEndId)
                row.counterparty.removeAll(keepingCapacity: true)
                row.counterparty.append(contentsOf: entry.details[i].counterparty(credit: detailCredit))
                row.description.removeAll(keepingCapacity: true)
                appendDescription(entry.details[i].description)
                row.line = entry.details[i].line
                appendRow()
            }
            return
        }
        row.amount = signed
        appendBaseReference()
        row.line = entry.line
        if entry.detailCount == 1 {
            row.endToEndId.append(contentsOf: entry.details[0].endToEndId)
            row.counterparty.append(contentsOf: entry.details[0].counterparty(credit: credit))
            let d = entry.details[0].description
            appendDescription(d.isEmpty ? entry.info : d)
        } else {
            // A batch booked as one movement: its reference is the batch's payment information id,
            // its counterparty the one all details share (if they do).
            if entry.detailCount > 1 {
                row.endToEndId.append(contentsOf: entry.batchPaymentId)
                let first = entry.details[0].counterparty(credit: credit)
                if (1..<entry.detailCount).allSatisfy({ entry.details[$0].counterparty(credit: credit) == first }) {
                    row.counterparty.append(contentsOf: first)
                }
            }
            appendDescription(entry.info)
        }
        appendRow()
    }

    private mutating func appendDescription(_ text: [UInt8]) {
        if entry.reversal { row.description.append(contentsOf: "reversal: ".utf8) }
        row.description.append(contentsOf: text)
    }

    /// Appends the entry's reference to the row's bank_ref: `AcctSvcrRef`, else
    /// `<statement id>-<entry position>`.
    private mutating func appendBaseReference() {
        if !entry.reference.isEmpty {
            row.bankRef.append(contentsOf: entry.reference)
        } else {
            row.bankRef.append(contentsOf: statement.displayId)
            row.bankRef.append(UInt8(ascii: "-"))
            MinorUnits.append(entry.sequence, exponent: 0, to: &row.bankRef)
        }
    }

    /// Appends the row; one whose texts fail the check is rejected by the append, and still counts
    /// in the statement (its amount was read).
    private mutating func appendRow() {
        statement.movementCount += 1
        statement.movementSum &+= row.amount
        do {
            if try table.append(row, file: fileIndex, path: path, catalog: &catalog, rejects: &rejects) {
                rows += 1
            } else {
                rejected += 1
            }
        } catch {
            fail(error)
        }
    }

    private mutating func rejectEntry(_ error: InputError) {
        if entry.rejected { return }
        entry.rejected = true
        do {
            try entry.reference.withUnsafeBufferPointer { try rejects.reject(error, side: .bank, raw: $0) }
            rejected += 1
        } catch {
            fail(error)
        }
    }

    // MARK: - Values

    private mutating func copyCurrency(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int) {
        captureCurrency.removeAll(keepingCapacity: true)
        guard let attributes else { return }
        // libxml2 hands attributes as (localname, prefix, URI, value, end) quintuples.
        for i in 0..<count {
            guard let name = attributes[5 * i], name[0] == UInt8(ascii: "C"), name[1] == UInt8(ascii: "c"),
                  name[2] == UInt8(ascii: "y"), name[3] == 0,
                  let value = attributes[5 * i + 3], let end = attributes[5 * i + 4] else { continue }
            captureCurrency.append(contentsOf: trimmed(UnsafeBufferPointer(start: value, count: end - value)))
            return
        }
    }

    /// Takes the collected text of `field`, without white space at either end.
    private mutating func take(_ field: CamtField) {
        let value = text
        do {
            try value.withUnsafeBufferPointer { try take(field, trimmed($0)) }
        } catch let error as InputError where field.isEntryLevel {
            rejectEntry(error)
        } catch {
            fail(error)
        }
    }

    private mutating func take(_ field: CamtField, _ v: UnsafeBufferPointer<UInt8>) throws {
        let line = captureLine
        switch field {
        case .messageCreated:
            messageCreated = try decoder.day(v, line: line, field: field)
        case .statementId:
            statement.id = Array(v)
        case .statementCreated:
            statement.created = try decoder.day(v, line: line, field: field)
        case .accountIBAN, .accountOther:
            statement.account = Array(v)
        case .accountCurrency:
            let code = Array(v)
            try decoder.currency(code, line: line, field: field)
            statement.accountCurrency = code
        case .balanceType:
            balance.type = Array(v)
        case .balanceAmount:
            setCurrency(&balance.currency, attribute: captureCurrency, account: statement.accountCurrency)
            balance.amount = try decoder.amount(v, currency: balance.currency, line: line, field: field)
            noteCurrency(balance.currency)
        case .balanceIndicator:
            balance.credit = try decoder.isCredit(v, line: line, field: field)
        case .balanceDate, .balanceDateTime:
            balance.date = try decoder.day(v, line: line, field: field)
        case .entryAmount:
            setCurrency(&entry.currency, attribute: captureCurrency, account: statement.accountCurrency)
            entry.amount = try decoder.amount(v, currency: entry.currency, line: line, field: field)
            noteCurrency(entry.currency)
        case .entryIndicator:
            entry.credit = try decoder.isCredit(v, line: line, field: field)
        case .entryReversal:
            entry.reversal = try decoder.boolean(v, line: line, field: field)
        case .entryStatus, .entryStatusCode:
            // `Sts` holds the code itself up to .001.07, and a `Cd` child (empty own text) from .001.08.
            if !v.isEmpty { entry.status = try decoder.status(v, line: line, field: field) }
        case .bookingDate, .bookingDateTime:
            entry.bookingDate = try decoder.day(v, line: line, field: field)
        case .valueDate, .valueDateTime:
            entry.valueDate = try decoder.day(v, line: line, field: field)
        case .entryReference:
            replace(&entry.reference, v)
        case .entryInfo:
            replace(&entry.info, v)
        case .batchPaymentId:
            replace(&entry.batchPaymentId, v)
        case .endToEndId:
            if !v.elementsEqual("NOTPROVIDED".utf8) { replace(&entry.details[entry.detailCount - 1].endToEndId, v) }
        case .detailAmount, .detailTransactionAmount:
            let i = entry.detailCount - 1
            if field == .detailTransactionAmount && entry.details[i].amountIsDirect { return }
            setCurrency(&entry.details[i].currency, attribute: captureCurrency, account: statement.accountCurrency)
            entry.details[i].amount = try decoder.amount(v, currency: entry.details[i].currency, line: line, field: field)
            entry.details[i].amountIsDirect = field == .detailAmount
        case .detailIndicator:
            entry.details[entry.detailCount - 1].credit = try decoder.isCredit(v, line: line, field: field)
        case .debtorName, .debtorPartyName:
            replace(&entry.details[entry.detailCount - 1].debtor, v)
        case .creditorName, .creditorPartyName:
            replace(&entry.details[entry.detailCount - 1].creditor, v)
        case .remittance:
            let i = entry.detailCount - 1
            if !entry.details[i].remittance.isEmpty && !v.isEmpty { entry.details[i].remittance.append(UInt8(ascii: " ")) }
            entry.details[i].remittance.append(contentsOf: v)
        case .detailInfo:
            replace(&entry.details[entry.detailCount - 1].info, v)
        }
    }


    private mutating func noteCurrency(_ code: [UInt8]) {
        if statement.firstAmountCurrency.isEmpty { statement.firstAmountCurrency = code }
    }
}

/// Replaces the bytes of `target` with `value`, keeping its capacity.
private func replace(_ target: inout [UInt8], _ value: UnsafeBufferPointer<UInt8>) {
    target.removeAll(keepingCapacity: true)
    target.append(contentsOf: value)
}

/// Sets `target` to the `Ccy` attribute of the amount just read, else the account's currency.
private func setCurrency(_ target: inout [UInt8], attribute: [UInt8], account: [UInt8]) {
    target.removeAll(keepingCapacity: true)
    target.append(contentsOf: attribute.isEmpty ? account : attribute)
}

/// `bytes` without XML white space (space, tab, CR, LF) at either end.
private func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    var end = bytes.count
    while end > 0 && isSpace(bytes[end - 1]) { end -= 1 }
    var start = 0
    while start < end && isSpace(bytes[start]) { start += 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}
