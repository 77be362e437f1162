// Package stepwize converts StepWize "Config and results" XML exports
// (.XSPC, written by the StepWize SPC and test data management service)
// into WATS UUT reports.
//
// The file holds one ConfigandResultsData element: unit header elements
// (partNumber, revision, serialNumber, operation, sourceFile, sequencePF…)
// and one Config_and_Data_Result row per measured item.
//
// Mapping:
//   - part number, revision (partRev when revision is empty), serial number
//     from the header; the test operation is the operation NAME resolved
//     through Source.Processes, else the operationTypeCode parameter; root
//     sequence = sourceFile, version = parameter; start = the first row's
//     startDateTime, execution time = the last row's endDateTime − start
//     (times without a zone, read in Defaults.Location); station = the first
//     row's assetID; operator = its operatorStamp; result = sequencePF (Pass,
//     Fail, Incomplete);
//   - misc info for the non-empty Organization, resultSetID, modelNumber,
//     partDescription, label, description, build, softwarePN, workOrder,
//     factoryNumber, exportRestriction, plantName, alternatePartNumber;
//   - a sequence per run of rows with the same stepName, its status from
//     stepOutcome; each row a step named subItemName (the stepName when
//     empty): dataType 0 numeric, 1 pass/fail, 2 action, 3 string
//     (stringValue against Expected_String), other types an action with a
//     warning; status from measurementOutcome when it is Pass/Fail, else
//     stepOutcome; step time from the row's start and end.
//   - limitMode: "Value > LL" GE (see below), "Value >= LL" GE, "Value < UL"
//     LT, "Value <= UL" LE, "LL <= Value <= UL" GELE, and the other ordered
//     pairs (GTLT, GELT, GTLE), EQ and NE. An unknown limit mode refuses the
//     file.
//
// "Value > LL" is mapped to GE, as Virinco's converter does on purpose: the
// tester writes it on "Performed- Record Only" rows (value 0, limit 0),
// which pass; a strict GT would fail every one of them.
package stepwize
