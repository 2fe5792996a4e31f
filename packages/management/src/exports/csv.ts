import { InvalidResponseError } from "../errors.js";

/**
 * A CSV parser (RFC 4180) fed text chunks as they arrive: fields split on commas, records on
 * CRLF, LF or CR; a quoted field may hold commas, line breaks and `""` for a quote; a quote
 * inside an unquoted field is kept as it is. Blank lines are skipped. It holds one record
 * at most, and refuses one longer than `maxRecordChars`.
 */
export function createCsvParser(maxRecordChars: number) {
  let field = "";
  let record: string[] = [];
  let size = 0;
  let quoted = false;
  // A quote seen inside a quoted field: the end of the field, or the first of `""`.
  let quote = false;
  let started = false;
  let skipLF = false;

  const endField = () => {
    record.push(field);
    size += field.length;
    field = "";
    started = false;
  };
  const endRecord = (out: string[][]) => {
    endField();
    if (record.length > 1 || record[0] !== "") out.push(record);
    record = [];
    size = 0;
  };

  return {
    /** The records that `chunk` completes. */
    push(chunk: string): string[][] {
      const out: string[][] = [];
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (skipLF) {
          skipLF = false;
          if (c === "\n") continue;
        }
        if (quoted) {
          if (quote) {
            quote = false;
            if (c === '"') {
              field += c;
              continue;
            }
            quoted = false;
          } else {
            if (c === '"') quote = true;
            else field += c;
            continue;
          }
        }
        if (c === '"' && !started) {
          quoted = true;
          started = true;
        } else if (c === ",") endField();
        else if (c === "\n" || c === "\r") {
          endRecord(out);
          skipLF = c === "\r";
        } else {
          field += c;
          started = true;
        }
      }
      if (size + field.length > maxRecordChars) {
        throw new InvalidResponseError(`a CSV record exceeds ${maxRecordChars} characters`);
      }
      return out;
    },
    /** The last record, when the text does not end with a line break; refuses an open quote. */
    end(): string[][] {
      if (quoted && !quote) throw new InvalidResponseError("the CSV ends inside a quoted field");
      const out: string[][] = [];
      if (started || field !== "" || record.length > 0) endRecord(out);
      return out;
    },
  };
}
