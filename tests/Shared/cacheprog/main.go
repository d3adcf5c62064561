// Command cacheprog is a GOCACHEPROG test double: go's build cache kept in a shared folder (the
// "remote", standing in for S3 or GCS) with a local folder in front of it, since a response's
// DiskPath must be a local file. Each process appends one line of counts to a stats file at close:
//
//	gets=N hits=N misses=N puts=N
//
// so tests can sum hits and misses over every go command of a build. Standard library only; the
// protocol is go's cmd/go/internal/cacheprog.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"
)

type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

// entry is what a folder keeps per action: the metadata next to the body file.
type entry struct {
	OutputID []byte
	Size     int64
	Time     time.Time
}

type store struct {
	remote, local string
	mu            sync.Mutex
	gets, hits    int
	misses, puts  int
}

func main() {
	remote := flag.String("remote", "", "shared folder that plays the remote cache")
	local := flag.String("local", "", "local folder for the files go reads (DiskPath)")
	stats := flag.String("stats", "", "file to append this process's counts to")
	flag.Parse()
	if *remote == "" || *local == "" {
		log.Fatal("cacheprog: -remote and -local are required")
	}
	s := &store{remote: *remote, local: *local}
	for _, dir := range []string{s.remote, s.local} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
	}

	stdout := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(stdout)
	send := func(r response) {
		// Flushed per response: go waits for each answer before it goes on.
		if err := enc.Encode(r); err != nil {
			log.Fatal(err)
		}
		if err := stdout.Flush(); err != nil {
			log.Fatal(err)
		}
	}

	send(response{ID: 0, KnownCommands: []string{"get", "put", "close"}})
	in := json.NewDecoder(bufio.NewReader(os.Stdin))
	for {
		var req request
		if err := in.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				s.writeStats(*stats)
				return
			}
			log.Fatal(err)
		}
		var body []byte
		if req.Command == "put" && req.BodySize > 0 {
			// The body follows as a JSON string; encoding/json decodes base64 into []byte.
			if err := in.Decode(&body); err != nil {
				log.Fatal(err)
			}
		}
		var res response
		switch req.Command {
		case "get":
			res = s.get(req)
		case "put":
			res = s.put(req, body)
		case "close":
			s.writeStats(*stats)
			send(response{ID: req.ID})
			return
		default:
			res = response{Err: "unknown command " + req.Command}
		}
		res.ID = req.ID
		send(res)
	}
}

func (s *store) get(req request) response {
	key := hex.EncodeToString(req.ActionID)
	e, err := readEntry(s.local, key)
	if err != nil {
		// Not here yet: fetch it from the remote into the local folder.
		e, err = readEntry(s.remote, key)
		if err == nil {
			err = copyEntry(s.remote, s.local, key, e)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gets++
	if err != nil {
		s.misses++
		return response{Miss: true}
	}
	s.hits++
	t := e.Time
	return response{OutputID: e.OutputID, Size: e.Size, Time: &t, DiskPath: bodyPath(s.local, key)}
}

func (s *store) put(req request, body []byte) response {
	key := hex.EncodeToString(req.ActionID)
	e := entry{OutputID: req.OutputID, Size: int64(len(body)), Time: time.Now()}
	for _, dir := range []string{s.local, s.remote} {
		if err := writeEntry(dir, key, e, body); err != nil {
			return response{Err: err.Error()}
		}
	}
	s.mu.Lock()
	s.puts++
	s.mu.Unlock()
	return response{DiskPath: bodyPath(s.local, key)}
}

func (s *store) writeStats(path string) {
	if path == "" {
		return
	}
	s.mu.Lock()
	line := fmt.Sprintf("gets=%d hits=%d misses=%d puts=%d\n", s.gets, s.hits, s.misses, s.puts)
	s.mu.Unlock()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		log.Print(err)
		return
	}
	defer f.Close()
	// One short O_APPEND write per process: concurrent go commands do not interleave lines.
	f.WriteString(line)
}

func bodyPath(dir, key string) string { return filepath.Join(dir, key+"-d") }
func metaPath(dir, key string) string { return filepath.Join(dir, key+"-a") }

func readEntry(dir, key string) (entry, error) {
	var e entry
	data, err := os.ReadFile(metaPath(dir, key))
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return e, err
	}
	info, err := os.Stat(bodyPath(dir, key))
	if err != nil {
		return e, err
	}
	if info.Size() != e.Size {
		return e, fs.ErrNotExist
	}
	return e, nil
}

func writeEntry(dir, key string, e entry, body []byte) error {
	meta, err := json.Marshal(e)
	if err != nil {
		return err
	}
	// Body first, metadata last, each renamed into place: a reader never sees half an entry.
	if err := writeAtomic(bodyPath(dir, key), body); err != nil {
		return err
	}
	return writeAtomic(metaPath(dir, key), meta)
}

func copyEntry(from, to, key string, e entry) error {
	body, err := os.ReadFile(bodyPath(from, key))
	if err != nil {
		return err
	}
	return writeEntry(to, key, e, body)
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
