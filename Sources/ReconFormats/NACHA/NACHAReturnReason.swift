/// The common ACH return reason codes (NACHA Operating Rules, Appendix Four), for break details.
enum NACHAReturnReason {
    static let names: [String: String] = [
        "R01": "Insufficient Funds", "R02": "Account Closed", "R03": "No Account/Unable to Locate Account",
        "R04": "Invalid Account Number Structure", "R05": "Unauthorized Debit to Consumer Account Using Corporate SEC Code",
        "R06": "Returned per ODFI's Request", "R07": "Authorization Revoked by Customer", "R08": "Payment Stopped",
        "R09": "Uncollected Funds", "R10": "Customer Advises Originator is Not Known to Receiver and/or Not Authorized",
        "R11": "Customer Advises Entry Not in Accordance with the Terms of the Authorization", "R12": "Account Sold to Another DFI",
        "R13": "Invalid ACH Routing Number", "R14": "Representative Payee Deceased", "R15": "Beneficiary or Account Holder Deceased",
        "R16": "Account Frozen/Entry Returned per OFAC Instruction", "R17": "File Record Edit Criteria",
        "R20": "Non-Transaction Account", "R21": "Invalid Company Identification", "R22": "Invalid Individual ID Number",
        "R23": "Credit Entry Refused by Receiver", "R24": "Duplicate Entry", "R29": "Corporate Customer Advises Not Authorized",
        "R31": "Permissible Return Entry", "R33": "Return of XCK Entry", "R61": "Misrouted Return", "R67": "Duplicate Return",
        "R68": "Untimely Return", "R69": "Field Error(s)", "R70": "Permissible Return Entry Not Accepted",
        "R80": "IAT Entry Coding Error", "R85": "Incorrectly Coded Outbound International Payment",
    ]

    static func text(_ code: String) -> String { names[code].map { "\(code) \($0)" } ?? code }
}
