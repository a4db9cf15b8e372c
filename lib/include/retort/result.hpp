// Query results, fully materialised: column names plus a row-major grid of Values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retort/value.hpp"

namespace retort {

class Result;

// A view of one row; valid while its Result lives.
class Row {
 public:
  Row(const Result& result, std::size_t index) : result_(&result), index_(index) {}

  std::size_t size() const;
  const Value& operator[](std::size_t column) const;
  // Throws DatabaseError if the result has no such column.
  const Value& operator[](std::string_view column) const;

  bool is_null(std::size_t column) const { return (*this)[column].is_null(); }
  std::int64_t integer(std::size_t column) const { return (*this)[column].integer(); }
  double real(std::size_t column) const { return (*this)[column].real(); }
  std::string text(std::size_t column) const { return (*this)[column].text(); }
  Blob blob(std::size_t column) const { return (*this)[column].blob(); }

 private:
  const Result* result_;
  std::size_t index_;
};

class Result {
 public:
  Result() = default;
  Result(std::vector<std::string> columns, std::vector<Value> cells, std::int64_t rows_affected = 0)
      : columns_(std::move(columns)), cells_(std::move(cells)), rows_affected_(rows_affected) {}

  const std::vector<std::string>& columns() const { return columns_; }
  // Index of a column by name; throws DatabaseError when absent.
  std::size_t column_index(std::string_view name) const;
  std::size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  bool empty() const { return size() == 0; }
  Row operator[](std::size_t row) const { return Row(*this, row); }
  const Value& cell(std::size_t row, std::size_t column) const {
    return cells_[row * columns_.size() + column];
  }
  // Rows changed by an INSERT/UPDATE/DELETE; 0 for queries.
  std::int64_t rows_affected() const { return rows_affected_; }

  class Iterator {
   public:
    Iterator(const Result* result, std::size_t row) : result_(result), row_(row) {}
    Row operator*() const { return Row(*result_, row_); }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return row_ == other.row_; }

   private:
    const Result* result_;
    std::size_t row_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<Value> cells_;
  std::int64_t rows_affected_ = 0;
};

inline std::size_t Row::size() const { return result_->columns().size(); }
inline const Value& Row::operator[](std::size_t column) const {
  return result_->cell(index_, column);
}
inline const Value& Row::operator[](std::string_view column) const {
  return result_->cell(index_, result_->column_index(column));
}

}  // namespace retort
