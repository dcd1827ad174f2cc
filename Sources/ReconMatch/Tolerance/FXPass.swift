import ReconCore

/// The foreign-exchange pass (``FXConfiguration``), on the rows still open in one account: a bank
/// row and a ledger row of another currency and the same sign, dates inside the window, are
/// candidates when the ledger amount converted into the bank's currency (at the rate of the ledger
/// date, or the latest earlier one within `max_rate_age_days`, a pair given the other way round
/// inverted) differs from the bank amount by no more than the residual tolerance. A candidate costs
/// (0 when the bank's end-to-end id is the ledger's reference, else 1; |residual|; date distance);
/// rows that are each other's single cheapest candidate are paired (`fx_matched`), repeatedly.
struct FXPass: GroupingPass {
    let configuration: FXConfiguration

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        UInt64(UInt32(bitPattern: inputs.bank.account[row])) &* 0xD6E8_FEB8_6659_FD93
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        UInt64(UInt32(bitPattern: inputs.ledger.account[row])) &* 0xD6E8_FEB8_6659_FD93
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        func account(_ e: KeyEntry) -> Int32 { e.side == 0 ? inputs.bank.account[Int(e.row)] : inputs.ledger.account[Int(e.row)] }
        return account(a) == account(b)
    }

    struct Candidate {
        var conversion: FXConversion
        var cost: PairCost
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        let inputs = sink.inputs, catalog = inputs.catalog
        let bt = inputs.bank, lt = inputs.ledger
        var candidates: [Candidate] = []
        // Ledger rows by date: each bank row scans only the dates inside its window.
        let ledgerRows = ledger.sorted { (lt.valueDate[Int($0)], $0) < (lt.valueDate[Int($1)], $1) }
        let ledgerDates = ledgerRows.map { lt.valueDate[Int($0)] }
        let window = Int32(configuration.windowDays)
        for b in bank {
            let br = Int(b), bcur = bt.currency[br], bd = bt.bookingDate[br]
            let bcode = catalog.currencies.string(bcur), bexp = catalog.exponent(ofCurrency: bcur)
            for k in ledgerDates.lowerBound(of: bd - window)..<ledgerDates.upperBound(of: bd + window) {
                let l = ledgerRows[k], lr = Int(l), lcur = lt.currency[lr]
                guard lcur != bcur, (bt.amount[br] < 0) == (lt.amount[lr] < 0) else { continue }
                let distance = abs(Int(bd) - Int(lt.valueDate[lr]))
                let lcode = catalog.currencies.string(lcur)
                guard let (rate, inverted) = configuration.rates.rate(from: lcode, to: bcode, on: Day(rawValue: lt.valueDate[lr]),
                                                                      maxAgeDays: configuration.maxRateAgeDays),
                      let converted = RateTable.convert(lt.amount[lr], fromExponent: catalog.exponent(ofCurrency: lcur), toExponent: bexp,
                                                        rate: rate, inverted: inverted) else { continue }
                let residual = (bt.amount[br] &- converted).magnitude
                let tolerance = max(configuration.residualAbsolute.minor(exponent: bexp), DecimalAmount.percent(ppm: configuration.residualPPM, of: converted))
                guard residual <= UInt64(max(0, tolerance)) else { continue }
                let sameReference = !bt.endToEndId.isEmpty(br) && bt.endToEndHash[br] == lt.referenceHash[lr]
                    && bt.endToEndId.string(br) == lt.reference.string(lr)
                candidates.append(Candidate(conversion: FXConversion(bankRow: b, ledgerRow: l, rate: rate, inverted: inverted, converted: converted),
                                            cost: PairCost(rank: sameReference ? 0 : 1, difference: residual, distance: distance)))
            }
        }
        MutualBest.pairs(candidates, bank: \.conversion.bankRow, ledger: \.conversion.ledgerRow, cost: \.cost) { c in
            sink.notedPair(bank: c.conversion.bankRow, ledger: c.conversion.ledgerRow, kind: .fxMatched, ledgerAmount: c.conversion.converted)
            sink.conversions.append(c.conversion)
        }
    }
}
