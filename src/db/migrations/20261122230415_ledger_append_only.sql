-- The ledger is append-only: refuse UPDATE and DELETE at the database, not just in code.
CREATE OR REPLACE FUNCTION ledger_event_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_event is append-only' USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_event_append_only ON ledger_event;
--> statement-breakpoint
CREATE TRIGGER ledger_event_append_only BEFORE UPDATE OR DELETE ON ledger_event
  FOR EACH ROW EXECUTE FUNCTION ledger_event_refuse_change();
