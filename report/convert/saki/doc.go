// Package saki converts Saki AOI (automated optical inspection) panel
// results in XML into WATS UUT reports.
//
// The document's root Panel carries the panel barcode, result, start date
// and time, side and operator; Program names the inspection program; each
// Image (camera field or board of the panel) lists its references
// (components) under Results/FalseCalls (flagged by the machine, judged good
// at review) and Results/Failed.
//
// Mapping:
//   - serial number = Panel@barcode; operator = Panel@operator; start =
//     startDate + startTime (MM/dd/yyyy HH:mm:ss, in Defaults.Location);
//     result = Panel@result; root sequence = Program@name, version =
//     Program@ver; revision and test operation are parameters;
//   - part number = Panel@side, as Virinco's converter does (the sample
//     writes the product there); when side names a board side (Top, Bottom,
//     T, B…) it is misc info "Side" instead, and the part number is the
//     partNumber parameter, else the program name;
//   - each Image a sequence "Image <id>" with its result as status (a real
//     Image@barcode, not "N/A", as its report text); a "False Calls"
//     sequence of Passed steps and a "Failed" sequence of Failed steps, one
//     string step per reference, named by the designator, whose logged value
//     is the component's part number and report text its package and
//     description (Virinco writes the steps without a value and drops them).
//
// A panel is one report: per-board barcodes of multi-board panels are kept
// as report text of their image, not split into reports.
package saki
